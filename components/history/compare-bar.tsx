"use client";

import { useEffect, useId, useRef, useState } from "react";
import { CompareBackendsButton } from "@/components/compare/compare-backends-button";
import { CompareButton } from "@/components/compare/compare-button";
import { PromptDiff } from "@/components/diff/prompt-diff";
import type { PromptVersion } from "@/lib/schemas/entities";

export type CompareBackend = { id: string; label: string; capabilities?: { sizes: readonly string[] } };

type Props = {
  ideaId: string;
  /** The ticked versions, in the order they were ticked. */
  selected: PromptVersion[];
  numbers: Map<string, number>;
  backend: string;
  params?: Record<string, unknown>;
  /** Configured backends: with two or more, one ticked version can be compared across them. */
  backends?: CompareBackend[];
  onClear: () => void;
};

/**
 * What can be done with the ticked versions: "Compare prompts" (exactly two, a word diff shown
 * below) and "Compare images" (2–4, rendered side by side with one seed on the Compare page).
 */
export function CompareBar({ ideaId, selected, numbers, backend, params, backends, onClear }: Props) {
  const [showDiff, setShowDiff] = useState(false);
  const diffId = useId();
  const diffRef = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const pair = selected.length === 2 ? selected : null;
  const names = [...selected]
    .sort((a, b) => (numbers.get(a.id) ?? 0) - (numbers.get(b.id) ?? 0))
    .map((v) => `v${numbers.get(v.id)}`)
    .join(", ");

  const open = pair !== null && showDiff;
  // The diff opens below the bar: bring it into view (History scrolls on its own on wide screens).
  useEffect(() => {
    if (open) diffRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [open]);

  if (!selected.length) {
    return <p className="text-xs text-muted">Tick two versions to compare their prompts, or 2–4 to compare images.</p>;
  }
  return (
    <div className="min-w-0 space-y-3 rounded-lg border border-line bg-surface-2/60 p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm">
          <span className="font-medium">Selected:</span> {names}
        </p>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClear}>
          Clear selection
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!pair}
          aria-expanded={pair ? showDiff : undefined}
          aria-controls={pair && showDiff ? diffId : undefined}
          aria-describedby={pair ? undefined : hintId}
          onClick={() => setShowDiff((s) => !s)}
        >
          Compare prompts
        </button>
        {pair ? null : (
          <p id={hintId} className="text-sm text-muted">
            Select exactly two to compare their prompts.
          </p>
        )}
      </div>
      {pair && showDiff ? (
        <div id={diffId} ref={diffRef}>
          <PromptDiff
            a={{ version: pair[0] as PromptVersion, number: numbers.get(pair[0]?.id ?? "") ?? 0 }}
            b={{ version: pair[1] as PromptVersion, number: numbers.get(pair[1]?.id ?? "") ?? 0 }}
          />
        </div>
      ) : null}
      <CompareButton ideaId={ideaId} versionIds={selected.map((v) => v.id)} backend={backend} params={params} />
      {selected.length === 1 && selected[0] && backends && backends.length >= 2 ? (
        <CompareBackendsButton ideaId={ideaId} versionId={selected[0].id} backends={backends} params={params} />
      ) : null}
    </div>
  );
}
