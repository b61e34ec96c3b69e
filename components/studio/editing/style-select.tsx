"use client";

import Link from "next/link";
import { useId } from "react";
import { isOwnStyleId } from "@/lib/schemas/names";
import type { StyleId } from "@/lib/schemas/styles";
import { getStyleLabel, STYLE_LABELS, type StyleLabel } from "@/lib/style-labels";
import { useOwnStyles } from "./own-styles-context";

/** Built-in styles ship with the page; own ones (issue 13) come as data from the server page (own-styles-context). */
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
  const own = useOwnStyles();
  const ownStyle = own.find((s) => s.id === value);
  const style: (StyleLabel & { fromGallery?: boolean }) | undefined =
    getStyleLabel(value) ?? (ownStyle && { ...ownStyle, fromGallery: ownStyle.sampleSource === "image" });
  // A version in an own style deleted since keeps its option, so the box still says what it is.
  const unlisted = value && isOwnStyleId(value) && !ownStyle ? value : null;
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="field-label">
          Style
        </label>
        <Link href="/library/styles" className="text-xs text-muted">
          Your styles
        </Link>
      </div>
      <select
        id={id}
        className="field"
        value={value ?? ""}
        disabled={disabled}
        aria-describedby={style ? hintId : undefined}
        onChange={(e) => onChange((e.target.value || null) as StyleId | null)}
      >
        <option value="">None</option>
        <optgroup label="Built-in">
          {STYLE_LABELS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </optgroup>
        {own.length || unlisted ? (
          <optgroup label="Your styles">
            {own.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
            {unlisted ? <option value={unlisted}>A deleted style</option> : null}
          </optgroup>
        ) : null}
      </select>
      {style ? (
        <div className="mt-2 flex items-start gap-3">
          {/* A sample the offline renderer made with this style (or a gallery image its owner picked), not a model's picture. */}
          <img
            src={style.sample}
            alt=""
            width={64}
            height={64}
            className="size-16 shrink-0 rounded-md border border-line object-cover"
          />
          <p id={hintId} className="field-hint">
            {style.description ? `${style.description} ` : ""}
            <span className="text-muted">Sample: {style.fromGallery ? "a gallery image" : "offline sketch"}.</span>
          </p>
        </div>
      ) : null}
    </div>
  );
}
