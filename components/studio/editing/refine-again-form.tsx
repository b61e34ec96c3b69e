"use client";

import { useId } from "react";
import { LIMITS } from "@/lib/schemas/limits";
import { isSubmitChord } from "../keys";

/**
 * A follow-up instruction that refines the loaded version into a new child version (or 2–4
 * sibling candidates). Loading an older version first makes the child a new branch.
 */
export function RefineAgainForm({
  value,
  onChange,
  onSubmit,
  busy,
  versionNumber,
  candidates,
}: {
  value: string;
  onChange: (text: string) => void;
  onSubmit: () => void;
  busy: boolean;
  /** The version the child will hang from. */
  versionNumber: number | undefined;
  candidates: number;
}) {
  const id = useId();
  const hintId = useId();
  const ready = value.trim().length > 0;
  return (
    <>
      <form
        className="flex flex-col gap-2 sm:flex-row sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !busy) onSubmit();
        }}
      >
        <div className="min-w-0 flex-1">
          <label htmlFor={id} className="field-label">
            Instruction
          </label>
          <input
            id={id}
            type="text"
            className="field"
            maxLength={LIMITS.instructionChars}
            placeholder="warmer light, wider shot, no people…"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            aria-describedby={hintId}
            onKeyDown={(e) => {
              if (isSubmitChord(e)) {
                e.preventDefault();
                if (ready && !busy) onSubmit();
              }
            }}
          />
        </div>
        <button
          type="submit"
          className="btn btn-secondary shrink-0"
          disabled={!ready}
          aria-disabled={busy || undefined}
        >
          Refine again
        </button>
      </form>
      <p id={hintId} className="field-hint mt-1">
        {versionNumber ? `Makes a child of v${versionNumber}` : "Saves this prompt, then refines it"}
        {candidates > 1 ? `, as ${candidates} candidates` : ""}. Locked parts stay word for word.
      </p>
    </>
  );
}
