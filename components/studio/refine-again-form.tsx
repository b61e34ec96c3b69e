"use client";

import { useId } from "react";
import { LIMITS } from "@/lib/schemas/common";
import { isSubmitChord } from "./keys";

/** A follow-up instruction that refines the loaded version into a new child version. */
export function RefineAgainForm({
  value,
  onChange,
  onSubmit,
  busy,
}: {
  value: string;
  onChange: (text: string) => void;
  onSubmit: () => void;
  busy: boolean;
}) {
  const id = useId();
  const ready = value.trim().length > 0;
  return (
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
          onKeyDown={(e) => {
            if (isSubmitChord(e)) {
              e.preventDefault();
              if (ready && !busy) onSubmit();
            }
          }}
        />
      </div>
      <button type="submit" className="btn btn-secondary shrink-0" disabled={!ready} aria-disabled={busy || undefined}>
        Refine again
      </button>
    </form>
  );
}
