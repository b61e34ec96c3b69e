"use client";

import { useId, useMemo } from "react";
import { WordDiffText } from "@/components/diff/word-diff-text";
import { ErrorAlert } from "@/components/ui/error-alert";
import { type DiffSegment, diffCounts, wordDiff } from "@/lib/diff/word-diff";
import type { CandidateView } from "../studio-state";

type Props = {
  items: CandidateView[];
  numbers: Map<string, number>;
  streaming: boolean;
  onUse: (versionId: string) => void;
  onClose: () => void;
};

/**
 * Candidates side by side (stacked on a phone), each filling in as it streams, then labelled
 * with its direction and offering "Use this". All are saved; the ones not used stay in History.
 */
/**
 * The cards in version order. Why they came out of order: candidates run at once and each is
 * saved the moment it finishes, and versions are numbered by when they were saved, so the
 * numbers follow the finishing order (v5, v6, v4) while the cards followed the directions'.
 * Saved cards go first by version number (History's order); the rest keep their direction's
 * place. A card moves only when it is saved, and keeps its key, so focus is kept.
 */
export function orderCandidates(items: readonly CandidateView[], numbers: Map<string, number>): CandidateView[] {
  const rank = (c: CandidateView) => (c.version ? (numbers.get(c.version.id) ?? Number.MAX_SAFE_INTEGER) : Infinity);
  return [...items].sort((a, b) => rank(a) - rank(b) || a.index - b.index);
}

/** The candidate's own text, with the words the first candidate lacks marked as added. */
function differencesFrom(base: string, text: string): { segments: DiffSegment[]; added: number } {
  const segments = wordDiff(base, text).filter((s) => s.kind !== "removed");
  return { segments, added: diffCounts(segments).added };
}

export function CandidateCards({ items, numbers, streaming, onUse, onClose }: Props) {
  const headingId = useId();
  const ordered = useMemo(() => orderCandidates(items, numbers), [items, numbers]);
  // Each saved candidate is compared with the first saved one, so what sets it apart stands out.
  const base = ordered.find((c) => c.version)?.version ?? null;
  const baseNumber = base ? numbers.get(base.id) : undefined;
  const compared = ordered.filter((c) => c.version).length >= 2;
  return (
    <section aria-labelledby={headingId} className="min-w-0 space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h3 id={headingId} className="text-sm font-semibold">
            Candidates
          </h3>
          <p className="text-xs text-muted">
            {streaming
              ? "Each is written in its own direction and saved when done."
              : "Choose one to work on. The others stay in History."}
          </p>
          {compared && base ? (
            <p className="text-xs text-muted">
              Words that are not in v{baseNumber ?? "?"} are underlined in the others.
            </p>
          ) : null}
        </div>
        {streaming ? null : (
          <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
            Close candidates
          </button>
        )}
      </div>
      <ul className="grid grid-cols-[repeat(auto-fit,minmax(min(100%,13rem),1fr))] gap-3">
        {ordered.map((c) => {
          const v = c.version;
          const label = v?.direction ?? `Candidate ${c.index + 1}`;
          const writing = streaming && !v && !c.error;
          const diff = v && base && v.id !== base.id ? differencesFrom(base.prompt, v.prompt) : null;
          return (
            <li
              key={c.index}
              aria-busy={writing || undefined}
              className="flex min-w-0 flex-col gap-2 rounded-lg border border-line bg-surface p-3"
            >
              <div className="flex flex-wrap items-baseline justify-between gap-x-2">
                <h4 className="text-sm font-semibold [overflow-wrap:anywhere]">{label}</h4>
                <span className="text-xs text-muted">
                  {v
                    ? `Saved as v${numbers.get(v.id) ?? "?"}`
                    : c.error
                      ? "Failed"
                      : writing
                        ? "Writing…"
                        : "Not saved"}
                </span>
              </div>
              {c.error ? (
                <ErrorAlert error={c.error} action="This candidate failed" />
              ) : diff ? (
                <>
                  <p className="text-xs text-muted">
                    {diff.added
                      ? `${diff.added} ${diff.added === 1 ? "word" : "words"} not in v${baseNumber ?? "?"}`
                      : `Nothing that is not in v${baseNumber ?? "?"}`}
                  </p>
                  <p
                    data-candidate-prompt
                    className="text-sm leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]"
                  >
                    <WordDiffText segments={diff.segments} />
                  </p>
                </>
              ) : (
                <p
                  data-candidate-prompt
                  className={`text-sm leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere] ${
                    writing ? "shimmer" : ""
                  }`}
                >
                  {c.text || (writing ? "…" : "")}
                  {writing ? (
                    <span
                      aria-hidden="true"
                      className="ml-0.5 inline-block h-4 w-0.5 translate-y-0.5 animate-caret bg-accent"
                    />
                  ) : null}
                </p>
              )}
              {v?.notes.length ? (
                <ul className="space-y-0.5 text-xs text-muted">
                  {v.notes.map((n) => (
                    <li key={n} className="flex gap-1.5">
                      <span aria-hidden="true">·</span>
                      <span>{n}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              {v ? (
                <button
                  type="button"
                  className="btn btn-primary btn-sm mt-auto self-start"
                  disabled={streaming}
                  aria-label={`Use this: ${label}`}
                  onClick={() => onUse(v.id)}
                >
                  Use this
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
