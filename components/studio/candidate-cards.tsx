"use client";

import { useId } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import type { CandidateView } from "./studio-state";

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
export function CandidateCards({ items, numbers, streaming, onUse, onClose }: Props) {
  const headingId = useId();
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
        </div>
        {streaming ? null : (
          <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
            Close candidates
          </button>
        )}
      </div>
      <ul className="grid grid-cols-[repeat(auto-fit,minmax(min(100%,13rem),1fr))] gap-3">
        {items.map((c) => {
          const v = c.version;
          const label = v?.direction ?? `Candidate ${c.index + 1}`;
          const writing = streaming && !v && !c.error;
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
              ) : (
                <p
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
