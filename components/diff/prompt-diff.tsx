import { useId } from "react";
import { diffCounts, wordDiff } from "@/lib/diff/word-diff";
import type { PromptVersion } from "@/lib/schemas/entities";
import { getStyleLabel } from "@/lib/style-labels";
import { DiffCounts, WordDiffText } from "./word-diff-text";

type Side = { version: PromptVersion; number: number };

/**
 * Two versions' prompts word by word (the older one as "before"), with the negative prompt
 * and the style when they differ. A region named "Prompt diff".
 */
export function PromptDiff({ a, b, className }: { a: Side; b: Side; className?: string }) {
  const headingId = useId();
  const [before, after] = a.number <= b.number ? [a, b] : [b, a];
  const prompt = wordDiff(before.version.prompt, after.version.prompt);
  const counts = diffCounts(prompt);
  const negBefore = before.version.negativePrompt ?? "";
  const negAfter = after.version.negativePrompt ?? "";
  const negative = negBefore !== negAfter ? wordDiff(negBefore, negAfter) : null;
  const styleChanged = before.version.style !== after.version.style;
  const styleName = (v: PromptVersion) => v.styleUsed?.label ?? getStyleLabel(v.style)?.label ?? "no style";

  return (
    <section
      aria-labelledby={headingId}
      className={`min-w-0 rounded-lg border border-line bg-surface p-3 ${className ?? ""}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3 id={headingId} className="text-sm font-semibold">
          Prompt diff
        </h3>
        <p className="text-xs text-muted">
          v{before.number} → v{after.number} · <DiffCounts {...counts} />
        </p>
      </div>
      <p className="mt-1 text-xs text-muted">
        Removed from v{before.number} is struck through; added in v{after.number} is underlined.
      </p>
      {styleChanged ? (
        <p className="mt-2 text-sm">
          <span className="font-medium">Style:</span> {styleName(before.version)} → {styleName(after.version)}
        </p>
      ) : null}
      <p className="mt-2 text-sm leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">
        {prompt.length && counts.added + counts.removed ? (
          <WordDiffText segments={prompt} />
        ) : (
          <span className="text-muted">The prompts are the same, word for word.</span>
        )}
      </p>
      {negative ? (
        <div className="mt-3 border-t border-line pt-2">
          <h4 className="text-xs font-semibold text-muted">Negative prompt</h4>
          <p className="mt-1 text-sm leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">
            <WordDiffText segments={negative} />
          </p>
        </div>
      ) : null}
    </section>
  );
}
