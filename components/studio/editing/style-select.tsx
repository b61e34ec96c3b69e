"use client";

import { useId } from "react";
import type { StyleId } from "@/lib/schemas/styles";
import { getStyleLabel, STYLE_LABELS } from "@/lib/style-labels";

export function StyleSelect({
  value,
  onChange,
  disabled,
}: {
  value: StyleId | null;
  onChange: (style: StyleId | null) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const hintId = useId();
  const style = getStyleLabel(value);
  return (
    <div>
      <label htmlFor={id} className="field-label">
        Style
      </label>
      <select
        id={id}
        className="field"
        value={value ?? ""}
        disabled={disabled}
        aria-describedby={style ? hintId : undefined}
        onChange={(e) => onChange((e.target.value || null) as StyleId | null)}
      >
        <option value="">None</option>
        {STYLE_LABELS.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </select>
      {style ? (
        <div className="mt-2 flex items-start gap-3">
          {/* A sample the offline renderer made with this style (scripts/style-samples.ts), not a model's picture. */}
          <img
            src={style.sample}
            alt=""
            width={64}
            height={64}
            className="size-16 shrink-0 rounded-md border border-line object-cover"
          />
          <p id={hintId} className="field-hint">
            {style.description} <span className="text-muted">Sample: offline sketch.</span>
          </p>
        </div>
      ) : null}
    </div>
  );
}
