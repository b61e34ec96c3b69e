"use client";

import Link from "next/link";
import { useId } from "react";

/**
 * Issue 13: follow the house rules in this refinement, or not. Shown only when there are rules
 * to follow; says which version, and, for the offline refiner, honestly what it can do with them.
 */
export function HouseRulesToggle({
  rules,
  on,
  onChange,
  offlineRefiner,
  disabled,
}: {
  rules: { version: number; text: string };
  on: boolean;
  onChange: (on: boolean) => void;
  offlineRefiner: boolean;
  disabled?: boolean;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="space-y-1">
      <span className="flex items-center gap-2 text-sm">
        <input
          id={id}
          type="checkbox"
          className="size-4 accent-accent"
          checked={on}
          disabled={disabled}
          aria-describedby={hintId}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>Follow house rules</label>
        <span className="text-muted">v{rules.version}</span>
        <Link href="/library#house-rules" className="link ml-auto text-xs">
          Edit
        </Link>
      </span>
      <p id={hintId} className="field-hint">
        <span className="line-clamp-2 [overflow-wrap:anywhere]" title={rules.text}>
          {/* One rule a line where they were typed: shown here as one run, a dot between them. */}
          {rules.text
            .split(/\n+/)
            .map((line) => line.trim())
            .filter(Boolean)
            .join(" · ")}
        </span>
        {offlineRefiner ? (
          <span className="mt-0.5 block">The offline refiner applies only “no …” rules; it notes the rest.</span>
        ) : null}
      </p>
    </div>
  );
}
