import Link from "next/link";

/**
 * No ideas at all teaches where they come from; a search or filter that finds nothing says what
 * the search looks at and how to undo it.
 */
export function IdeasEmpty({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  if (filtered) {
    return (
      <div className="rounded-xl border border-dashed border-line-strong/60 px-6 py-14 text-center">
        <p className="text-lg font-semibold">No idea matches</p>
        <p className="mx-auto mt-1 max-w-md text-sm text-muted">
          The search looks at whole words (the last one may be unfinished) in the idea, its title, and every prompt,
          instruction and note it ever had. Try fewer words, or clear the filters.
        </p>
        <button type="button" className="btn btn-secondary mt-5" onClick={onClear}>
          Clear search and filters
        </button>
      </div>
    );
  }
  return (
    <div className="rounded-xl border border-dashed border-line-strong/60 px-6 py-14 text-center">
      <p className="text-lg font-semibold">No ideas yet</p>
      <p className="mx-auto mt-1 max-w-md text-sm text-muted">
        Every idea you refine is kept here, the one you worked on last at the top.
      </p>
      <ol className="mx-auto mt-4 max-w-md list-inside list-decimal space-y-1 text-left text-sm text-muted">
        <li>Write a rough idea in the Studio and press Refine.</li>
        <li>Refine it again, edit the prompt, generate images: each step is saved.</li>
        <li>Come back here to find it by any word of its prompts or notes, and carry on.</li>
      </ol>
      <Link href="/" className="btn btn-primary mt-6">
        Open the Studio
      </Link>
    </div>
  );
}
