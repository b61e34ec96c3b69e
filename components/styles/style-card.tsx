"use client";

import { STYLE_PART_NAMES } from "@/lib/schemas/names";
import type { OwnStyle } from "@/lib/schemas/styles";
import type { StyleFields } from "./style-form";

/** A style as the styles screen shows it: built-in (read-only) or own. */
export type ListedStyle = StyleFields & {
  id: string;
  sample: string;
  builtIn: boolean;
  sampleSource?: OwnStyle["sampleSource"];
};

const PART_LABEL = {
  medium: "Medium",
  lighting: "Lighting",
  palette: "Palette",
  camera: "Camera",
  detail: "Detail",
  negative: "Negative",
} as const;

/** One style: its sample, name, line, parts on demand, and what can be done with it. */
export function StyleCard({
  style,
  busy,
  onEdit,
  onDuplicate,
  onDelete,
  onRenderSample,
  onPickSample,
  children,
}: {
  style: ListedStyle;
  busy: boolean;
  onEdit?: () => void;
  onDuplicate: () => void;
  onDelete?: () => void;
  onRenderSample?: () => void;
  onPickSample?: () => void;
  children?: React.ReactNode;
}) {
  const headingId = `style-${style.id}`;
  return (
    <li aria-labelledby={headingId} className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-3 sm:p-4">
      <div className="flex items-start gap-3">
        <img
          src={style.sample}
          alt=""
          width={80}
          height={80}
          className="size-20 shrink-0 rounded-md border border-line bg-surface-2 object-cover"
        />
        <div className="min-w-0 flex-1">
          <h3 id={headingId} className="font-semibold break-words">
            {style.label}
          </h3>
          <p className="text-xs text-muted">
            {style.builtIn ? "Built-in · read-only" : "Yours"} · sample:{" "}
            {style.sampleSource === "image" ? "a gallery image" : "offline sketch"}
          </p>
          {style.description ? (
            <p className="mt-1 text-sm text-muted [overflow-wrap:anywhere]">{style.description}</p>
          ) : null}
        </div>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-muted">Parts</summary>
        <dl className="mt-1 space-y-1">
          {STYLE_PART_NAMES.filter((p) => style[p]).map((p) => (
            <div key={p} className="[overflow-wrap:anywhere]">
              <dt className="inline font-medium">{PART_LABEL[p]}: </dt>
              <dd className="inline text-muted">{style[p]}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="mt-auto space-y-1.5">
        <div className="flex flex-wrap gap-1.5">
          {onEdit ? (
            <button type="button" className="btn btn-secondary btn-sm" disabled={busy} onClick={onEdit}>
              Edit<span className="sr-only"> {style.label}</span>
            </button>
          ) : null}
          <button type="button" className="btn btn-secondary btn-sm" disabled={busy} onClick={onDuplicate}>
            Duplicate<span className="sr-only"> {style.label}</span>
          </button>
          {onDelete ? (
            <button type="button" className="btn btn-danger btn-sm" disabled={busy} onClick={onDelete}>
              Delete<span className="sr-only"> {style.label}</span>
            </button>
          ) : null}
        </div>
        {onRenderSample || onPickSample ? (
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="text-xs text-muted">Sample:</span>
            {onRenderSample ? (
              <button type="button" className="btn btn-ghost btn-sm" disabled={busy} onClick={onRenderSample}>
                New sketch<span className="sr-only"> sample for {style.label}</span>
              </button>
            ) : null}
            {onPickSample ? (
              <button type="button" className="btn btn-ghost btn-sm" disabled={busy} onClick={onPickSample}>
                Pick image<span className="sr-only"> as sample for {style.label}</span>
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {children}
    </li>
  );
}
