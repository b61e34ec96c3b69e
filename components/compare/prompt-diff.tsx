import { type DiffSegment, diffCounts, wordDiff } from "@/lib/diff/word-diff";
import { plural } from "@/lib/client/format";

export type DiffItem = { id: string; label: string; prompt: string };

/**
 * Under a comparison of versions: the first version's prompt in full, then each other version
 * as a word diff against it. Added and removed words are marked in colour, by strike-through
 * and underline, and in words for screen readers.
 */
export function PromptDiff({ items }: { items: DiffItem[] }) {
  const [base, ...rest] = items;
  if (!base) return null;
  return (
    <section aria-labelledby="prompt-diff-heading" className="space-y-4">
      <h2 id="prompt-diff-heading" className="text-lg font-semibold">
        Prompt differences
      </h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="card p-4">
          <h3 className="text-sm font-semibold">{base.label}</h3>
          <p className="mt-1 text-xs text-muted">The base every other prompt is compared with.</p>
          <p className="mt-2 text-[0.9375rem] leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">
            {base.prompt}
          </p>
        </div>
        {rest.map((item) => {
          const segments = wordDiff(base.prompt, item.prompt);
          const { added, removed } = diffCounts(segments);
          return (
            <div key={item.id} className="card p-4">
              <h3 className="text-sm font-semibold">
                {item.label} <span className="font-normal text-muted">compared with {base.label}</span>
              </h3>
              <p className="mt-1 text-xs text-muted">
                {added || removed
                  ? `${plural(added, "word")} added, ${plural(removed, "word")} removed`
                  : "The same words as the base."}
              </p>
              <DiffText segments={segments} />
            </div>
          );
        })}
      </div>
      <p className="text-xs text-muted">
        <ins className="rounded-sm bg-success/15 px-0.5 text-ink underline decoration-success decoration-2">Added</ins>{" "}
        and <del className="rounded-sm bg-danger-soft px-0.5 text-danger line-through">removed</del> words, against the
        first prompt.
      </p>
    </section>
  );
}

export function DiffText({ segments }: { segments: DiffSegment[] }) {
  return (
    <p className="mt-2 text-[0.9375rem] leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">
      {segments.map((s, i) =>
        s.kind === "same" ? (
          <span key={i}>{s.text}</span>
        ) : s.kind === "added" ? (
          <ins key={i} className="rounded-sm bg-success/15 px-0.5 text-ink underline decoration-success decoration-2">
            <span className="sr-only">[added: </span>
            {s.text}
            <span className="sr-only">]</span>
          </ins>
        ) : (
          <del key={i} className="rounded-sm bg-danger-soft px-0.5 text-danger line-through">
            <span className="sr-only">[removed: </span>
            {s.text}
            <span className="sr-only">]</span>
          </del>
        ),
      )}
    </p>
  );
}

/** For a comparison of backends: the one prompt they all rendered. */
export function SamePrompt({ prompt, negativePrompt }: { prompt: string; negativePrompt: string | null }) {
  return (
    <section aria-labelledby="same-prompt-heading" className="space-y-3">
      <h2 id="same-prompt-heading" className="text-lg font-semibold">
        Same prompt on each backend
      </h2>
      <div className="card p-4">
        <p className="text-[0.9375rem] leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">{prompt}</p>
        {negativePrompt ? (
          <p className="mt-2 text-sm text-muted">
            <span className="font-medium text-ink">Negative: </span>
            {negativePrompt}
          </p>
        ) : null}
      </div>
    </section>
  );
}
