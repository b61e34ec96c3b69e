"use client";

import { useMemo } from "react";
import { diffCounts, wordDiff } from "@/lib/diff/word-diff";
import type { PromptVersion } from "@/lib/schemas/entities";
import { DiffCounts, WordDiffText } from "./word-diff-text";

type Props = {
  version: PromptVersion;
  parent: PromptVersion;
  parentNumber: number;
  open: boolean;
  onToggle: (open: boolean) => void;
};

/** A disclosure under the prompt: "Changes from vN", the loaded version against its parent. */
export function ChangesFromParent({ version, parent, parentNumber, open, onToggle }: Props) {
  const segments = useMemo(() => wordDiff(parent.prompt, version.prompt), [parent.prompt, version.prompt]);
  const counts = diffCounts(segments);
  const negative =
    (parent.negativePrompt ?? "") !== (version.negativePrompt ?? "")
      ? wordDiff(parent.negativePrompt ?? "", version.negativePrompt ?? "")
      : null;
  return (
    <details
      className="group rounded-lg border border-line bg-surface"
      open={open}
      onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary className="flex cursor-pointer list-none flex-wrap items-baseline gap-x-2 gap-y-0.5 rounded-lg px-3 py-2 text-sm font-medium hover:bg-surface-2 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="inline-block text-muted transition-transform group-open:rotate-90">
          ›
        </span>
        Changes from v{parentNumber}
        <DiffCounts {...counts} className="text-xs font-normal text-muted" />
      </summary>
      <div className="border-t border-line px-3 py-2.5">
        <p className="text-sm leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">
          {counts.added + counts.removed ? (
            <WordDiffText segments={segments} />
          ) : (
            <span className="text-muted">The prompt is the same as v{parentNumber}.</span>
          )}
        </p>
        {negative ? (
          <p className="mt-2 text-sm text-muted">
            <span className="font-medium text-ink">Negative: </span>
            <WordDiffText segments={negative} />
          </p>
        ) : null}
      </div>
    </details>
  );
}
