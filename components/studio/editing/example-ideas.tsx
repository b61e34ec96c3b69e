"use client";

export const EXAMPLE_IDEAS = [
  "a lighthouse keeper's cat watching a storm roll in",
  "breakfast on a tiny balcony in Lisbon, early morning",
  "a paper boat sailing down a rainy city street",
] as const;

/**
 * The empty studio teaches by example: one click fills the Idea field. Before scripts have
 * loaded, the same buttons submit a plain GET form (/?text=…) that the page pre-fills from.
 */
export function ExampleIdeas({ onPick }: { onPick: (idea: string) => void }) {
  return (
    <div className="rounded-xl border border-dashed border-line-strong/60 p-5 sm:p-6">
      <h2 className="text-lg font-semibold tracking-tight">Start with a rough idea</h2>
      <p className="mt-1 max-w-prose text-sm text-muted">
        Write a few words in Idea and press Refine: the prompt is written here as you watch. Edit it, pick a backend,
        and Generate. Or start from one of these:
      </p>
      <form action="/" method="get">
        <ul className="mt-4 grid gap-2">
          {EXAMPLE_IDEAS.map((idea) => (
            <li key={idea}>
              <button
                type="submit"
                name="text"
                value={idea}
                onClick={(e) => {
                  e.preventDefault();
                  onPick(idea);
                }}
                className="w-full rounded-lg border border-line bg-surface px-4 py-3 text-left text-[0.9375rem] transition-colors hover:border-accent hover:bg-accent-soft/40"
              >
                <span className="font-semibold text-accent">Try:</span> {idea}
              </button>
            </li>
          ))}
        </ul>
      </form>
      <p className="mt-4 max-w-prose text-sm text-muted">
        Have a PNG made by Promptsmith, AUTOMATIC1111, Fooocus or ComfyUI? Drop it anywhere on this page, or use Load
        from image…, to load its prompt and settings.
      </p>
    </div>
  );
}
