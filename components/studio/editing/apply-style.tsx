"use client";

import { useId } from "react";
import type { StyleId } from "@/lib/schemas/styles";
import { getStyleLabel } from "@/lib/style-labels";
import { useOwnStyles } from "./own-styles-context";

/**
 * Offered when the Style combobox no longer matches the loaded version: rewrite that version
 * in the chosen style, as a child (the instruction is not needed).
 */
export function ApplyStyle({
  from,
  to,
  versionNumber,
  busy,
  onApply,
}: {
  from: StyleId | null;
  to: StyleId | null;
  versionNumber: number;
  busy: boolean;
  onApply: () => void;
}) {
  const hintId = useId();
  const own = useOwnStyles();
  const name = (id: StyleId | null) =>
    getStyleLabel(id)?.label ?? own.find((s) => s.id === id)?.label ?? (id ? "a deleted style" : "no style");
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5 rounded-lg border border-accent/40 bg-accent-soft/40 px-3 py-2">
      <p id={hintId} className="min-w-0 flex-1 text-xs text-ink">
        v{versionNumber} is in {name(from)}. Apply {name(to)} to make a restyled child of v{versionNumber}.
      </p>
      <button
        type="button"
        className="btn btn-secondary btn-sm"
        aria-describedby={hintId}
        aria-disabled={busy || undefined}
        onClick={() => {
          if (!busy) onApply();
        }}
      >
        Apply style
      </button>
    </div>
  );
}
