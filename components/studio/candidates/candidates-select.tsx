"use client";

import { useId } from "react";

export const MAX_CANDIDATES = 4;

/** How many refinements Refine and Refine again write at once: 1, or 2–4 in different directions. */
export function CandidatesSelect({
  value,
  onChange,
  disabled,
}: {
  value: number;
  onChange: (n: number) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="field-label mb-0">
        Candidates
      </label>
      <select
        id={id}
        className="field w-auto py-1.5"
        value={String(value)}
        disabled={disabled}
        aria-describedby={hintId}
        onChange={(e) => onChange(Number(e.target.value))}
      >
        {Array.from({ length: MAX_CANDIDATES }, (_, i) => (
          <option key={i + 1} value={String(i + 1)}>
            {i + 1}
          </option>
        ))}
      </select>
      <span id={hintId} className="sr-only">
        How many prompts Refine and Refine again write at once: one, or up to four in different directions, a faithful
        one and bolder ones.
      </span>
    </div>
  );
}
