"use client";

import { useEffect, useId, useRef, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, type ShownError, toShownError } from "@/lib/client/api-error";
import { STYLE_FIELD_CAPS } from "@/lib/schemas/names";
import type { StyleInput } from "@/lib/schemas/styles";

export type StyleFields = Required<StyleInput>;

type FieldName = keyof StyleFields;

/** The form's fields in order: what each is called and says, and whether it may be empty. */
const FIELDS: readonly { name: FieldName; label: string; hint: string; required: boolean }[] = [
  { name: "label", label: "Name", hint: "Shown in the Studio's Style box.", required: true },
  { name: "description", label: "Description", hint: "One line under the Style box.", required: false },
  { name: "medium", label: "Medium", hint: "What it is made as, e.g. “risograph zine print”.", required: true },
  { name: "lighting", label: "Lighting", hint: "e.g. “flat even daylight with no cast shadows”.", required: true },
  { name: "palette", label: "Palette", hint: "e.g. “navy and coral with cream paper”.", required: true },
  { name: "camera", label: "Camera", hint: "Framing and lens, e.g. “centered frontal composition”.", required: true },
  { name: "detail", label: "Detail", hint: "Textures and finish, most important first.", required: true },
  {
    name: "negative",
    label: "Negative",
    hint: "Tags to keep out, for Stable Diffusion backends; may be empty.",
    required: false,
  },
];

export const EMPTY_STYLE: StyleFields = {
  label: "",
  description: "",
  medium: "",
  lighting: "",
  palette: "",
  camera: "",
  detail: "",
  negative: "",
};

/** What the browser can say before asking the server: the server says the same, and more. */
function check(values: StyleFields): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  for (const f of FIELDS) {
    const v = values[f.name].trim();
    const cap = STYLE_FIELD_CAPS[f.name];
    if (f.required && !v) errors[f.name] = "required";
    else if (v.length > cap) errors[f.name] = `too long (at most ${cap} characters)`;
  }
  return errors;
}

/** The server's zod details, by field ("palette: too long …"). */
function serverErrors(e: unknown): Partial<Record<FieldName, string>> {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return {};
  const out: Partial<Record<FieldName, string>> = {};
  for (const d of e.details as { path?: string; message?: string }[]) {
    const name = FIELDS.find((f) => f.name === d.path)?.name;
    if (name && d.message && !out[name]) out[name] = d.message;
  }
  return out;
}

/**
 * Make or edit a style: each part a labelled one-line field with its hint, its count and its
 * error; Esc cancels; the first wrong field takes the focus.
 */
export function StyleForm({
  title,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  title: string;
  initial: StyleFields;
  submitLabel: string;
  onSubmit: (values: StyleFields) => Promise<void>;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const base = useId();
  const form = useRef<HTMLFormElement>(null);

  // It opens above the list: brought into view with its first field focused, wherever it was asked for.
  useEffect(() => {
    form.current?.scrollIntoView?.({ block: "start", behavior: "smooth" });
    form.current?.querySelector<HTMLInputElement>("input")?.focus({ preventScroll: true });
  }, []);

  const focusFirst = (found: Partial<Record<FieldName, string>>) => {
    const first = FIELDS.find((f) => found[f.name]);
    if (first) form.current?.querySelector<HTMLInputElement>(`[name="${first.name}"]`)?.focus();
  };

  const submit = async () => {
    if (busy) return;
    const found = check(values);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return focusFirst(found);
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (e) {
      const fromServer = serverErrors(e);
      setErrors(fromServer);
      if (Object.keys(fromServer).length > 0) focusFirst(fromServer);
      else setFailure(toShownError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={form}
      aria-labelledby={`${base}-title`}
      noValidate
      className="scroll-mt-20 space-y-4 rounded-xl border border-line bg-surface p-4 sm:p-5"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h2 id={`${base}-title`} className="text-lg font-semibold tracking-tight">
        {title}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((f) => {
          const id = `${base}-${f.name}`;
          const error = errors[f.name];
          const cap = STYLE_FIELD_CAPS[f.name];
          const length = values[f.name].length;
          return (
            <div key={f.name} className={f.name === "negative" || f.name === "description" ? "sm:col-span-2" : ""}>
              <label htmlFor={id} className="field-label">
                {f.label}
                {f.required ? null : <span className="font-normal text-muted"> (optional)</span>}
              </label>
              <input
                id={id}
                name={f.name}
                className="field"
                value={values[f.name]}
                autoComplete="off"
                aria-invalid={error ? true : undefined}
                aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
                onChange={(e) => {
                  const value = e.target.value;
                  setValues((v) => ({ ...v, [f.name]: value }));
                  if (errors[f.name]) setErrors(({ [f.name]: _, ...rest }) => rest);
                }}
              />
              <p id={`${id}-hint`} className="field-hint flex justify-between gap-2">
                <span>{f.hint}</span>
                <span className={`tabular-nums ${length > cap ? "text-danger" : ""}`}>
                  {length}/{cap}
                </span>
              </p>
              {error ? (
                <p id={`${id}-error`} className="mt-1 text-sm font-medium text-danger">
                  {f.label}: {error}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      {failure ? <ErrorAlert error={failure} action="Could not save the style" /> : null}
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? <Spinner /> : null}
          {submitLabel}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
        <span className="text-xs text-muted">Esc cancels.</span>
      </div>
    </form>
  );
}
