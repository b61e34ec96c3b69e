"use client";

import { useId } from "react";
import type { StyleId } from "@/lib/schemas/styles";
import { getStyle, STYLE_PRESETS } from "@/lib/styles";

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
  const style = getStyle(value);
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
        {STYLE_PRESETS.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </select>
      {style ? (
        <p id={hintId} className="field-hint mt-1">
          {style.description}
        </p>
      ) : null}
    </div>
  );
}
