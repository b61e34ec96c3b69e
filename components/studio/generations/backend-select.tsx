"use client";

import { useId } from "react";
import { OFFLINE_BACKEND_LABEL } from "@/lib/catalog";
import type { CatalogBackend } from "@/lib/schemas/catalog";

export function backendOptionLabel(b: CatalogBackend): string {
  const label = b.offline ? OFFLINE_BACKEND_LABEL : b.label;
  return b.configured ? label : `${label} (set ${b.enableWith ?? "OPENAI_API_KEY"})`;
}

export function BackendSelect({
  backends,
  value,
  onChange,
  disabled,
}: {
  backends: CatalogBackend[];
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const hintId = useId();
  const current = backends.find((b) => b.id === value);
  const hint = current
    ? current.offline
      ? "Draws a quick sketch on this machine: no model, no key."
      : current.model
        ? `Model: ${current.model}`
        : null
    : null;
  return (
    <div>
      <label htmlFor={id} className="field-label">
        Backend
      </label>
      <select
        id={id}
        className="field"
        value={value}
        disabled={disabled}
        aria-describedby={hint ? hintId : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {backends.map((b) => (
          <option key={b.id} value={b.id} disabled={!b.configured}>
            {backendOptionLabel(b)}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={hintId} className="field-hint mt-1">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
