"use client";

import { useId } from "react";

/**
 * An on/off switch with its label and a hint: a native checkbox with role="switch", so the
 * label, Space and form semantics come for free; the track is drawn beside it and says
 * On/Off in words as well as by position.
 */
export function SwitchField({
  label,
  hint,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="flex items-start justify-between gap-4">
      <div className="min-w-0">
        <label htmlFor={id} className="field-label mb-0 cursor-pointer">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="field-hint mt-0.5">
            {hint}
          </p>
        ) : null}
      </div>
      <span className="relative inline-flex shrink-0 items-center gap-2">
        <span aria-hidden="true" className="text-xs font-medium text-muted">
          {checked ? "On" : "Off"}
        </span>
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          aria-checked={checked}
          disabled={disabled}
          aria-describedby={hint ? hintId : undefined}
          onChange={(e) => onChange(e.target.checked)}
          className="peer absolute right-0 h-6 w-11 cursor-pointer opacity-0 disabled:cursor-not-allowed"
        />
        <span
          aria-hidden="true"
          className="pointer-events-none relative h-6 w-11 rounded-full border border-line-strong bg-surface-2 transition-colors peer-checked:border-accent peer-checked:bg-accent peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-[var(--focus)] after:absolute after:top-0.5 after:left-0.5 after:h-[1.125rem] after:w-[1.125rem] after:rounded-full after:bg-line-strong after:transition-transform peer-checked:after:translate-x-5 peer-checked:after:bg-accent-ink"
        />
      </span>
    </div>
  );
}
