"use client";

import { useState } from "react";
import { UndoNotice } from "@/components/library/undo-notice";
import { ErrorAlert } from "@/components/ui/error-alert";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import {
  createStyle,
  deleteStyle,
  duplicateStyle,
  restoreStyle,
  setStyleSample,
  updateStyle,
} from "@/lib/client/styles";
import type { OwnStyle } from "@/lib/schemas/styles";
import { SamplePicker } from "./sample-picker";
import { type ListedStyle, StyleCard } from "./style-card";
import { EMPTY_STYLE, type StyleFields, StyleForm } from "./style-form";
import { StylesTransfer } from "./styles-transfer";

const listed = (s: OwnStyle): ListedStyle => ({ ...s, builtIn: false });

function fieldsOf(s: ListedStyle): StyleFields {
  const { label, description, medium, lighting, palette, camera, detail, negative } = s;
  return { label, description, medium, lighting, palette, camera, detail, negative };
}

type Editing = { kind: "create"; from?: StyleFields } | { kind: "edit"; style: ListedStyle };

/**
 * The styles screen (issue 13): own styles first (made, edited, duplicated, deleted with Undo,
 * given a sample), then the built-ins, read-only but duplicable; export and import as a file.
 */
export function StylesManager({ builtIns, initial }: { builtIns: ListedStyle[]; initial: OwnStyle[] }) {
  const [own, setOwn] = useState(initial);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [picking, setPicking] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ action: string; error: ShownError } | null>(null);
  const [status, setStatus] = useState("");
  const [undo, setUndo] = useState<OwnStyle | null>(null);

  const replace = (style: OwnStyle) => setOwn((list) => list.map((s) => (s.id === style.id ? style : s)));

  const act = async (id: string, action: string, fn: () => Promise<void>) => {
    setBusy(id);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError({ action, error: toShownError(e) });
    } finally {
      setBusy(null);
    }
  };

  const openForm = (next: Editing) => {
    setEditing(next);
    setStatus("");
  };

  const duplicate = (style: ListedStyle) =>
    act(style.id, `Could not duplicate ${style.label}`, async () => {
      const copy = await duplicateStyle(style.id);
      setOwn((list) => [...list, copy]);
      setStatus(`Made “${copy.label}”. Edit it to make it yours.`);
      openForm({ kind: "edit", style: listed(copy) });
    });

  const remove = (style: OwnStyle) =>
    act(style.id, `Could not delete ${style.label}`, async () => {
      await deleteStyle(style.id);
      setOwn((list) => list.filter((s) => s.id !== style.id));
      if (editing?.kind === "edit" && editing.style.id === style.id) setEditing(null);
      setUndo(style);
    });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn btn-primary" onClick={() => openForm({ kind: "create" })}>
          New style
        </button>
        <StylesTransfer
          hasStyles={own.length > 0}
          onImported={(items, message) => {
            setOwn((list) => [...list.filter((s) => !items.some((i) => i.id === s.id)), ...items]);
            setStatus(message);
          }}
        />
      </div>
      {/* Always there (a live region must exist before it speaks); it takes room only when it says something. */}
      <p role="status" className={status ? "-mt-3 text-sm text-muted" : "sr-only"}>
        {status}
      </p>
      {undo ? (
        <UndoNotice
          message={`Deleted “${undo.label}”.`}
          onUndo={async () => {
            try {
              const back = await restoreStyle(undo.id);
              setOwn((list) => [...list, back].sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
              setStatus(`Brought back “${back.label}”.`);
            } catch (e) {
              setError({ action: `Could not bring back ${undo.label}`, error: toShownError(e) });
            }
          }}
          onDismiss={() => setUndo(null)}
        />
      ) : null}
      {error ? <ErrorAlert error={error.error} action={error.action} /> : null}
      <div>
        {editing ? (
          <StyleForm
            key={editing.kind === "edit" ? editing.style.id : "new"}
            title={editing.kind === "edit" ? `Edit “${editing.style.label}”` : "New style"}
            submitLabel={editing.kind === "edit" ? "Save style" : "Create style"}
            initial={editing.kind === "edit" ? fieldsOf(editing.style) : (editing.from ?? EMPTY_STYLE)}
            onCancel={() => setEditing(null)}
            onSubmit={async (values) => {
              if (editing.kind === "edit") {
                const saved = await updateStyle(editing.style.id, values);
                replace(saved);
                setStatus(`Saved “${saved.label}”.`);
              } else {
                const made = await createStyle(values);
                setOwn((list) => [...list, made]);
                setStatus(`Made “${made.label}”. It is in the Studio's Style box now.`);
              }
              setEditing(null);
            }}
          />
        ) : null}
      </div>

      <section aria-labelledby="own-styles" className="space-y-3">
        <h2 id="own-styles" className="text-lg font-semibold tracking-tight">
          Your styles
        </h2>
        {own.length === 0 ? (
          <div className="rounded-xl border border-dashed border-line-strong/60 px-6 py-10 text-center">
            <p className="font-semibold">No styles of your own yet</p>
            <p className="mx-auto mt-1 max-w-md text-sm text-muted">
              Make one with New style, or duplicate a built-in one below and change its parts. Your styles appear in the
              Studio's Style box after the built-ins, and both refiners use them.
            </p>
          </div>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
            {own.map((s) => (
              <StyleCard
                key={s.id}
                style={listed(s)}
                busy={busy === s.id}
                onEdit={() => openForm({ kind: "edit", style: listed(s) })}
                onDuplicate={() => duplicate(listed(s))}
                onDelete={() => remove(s)}
                onRenderSample={() =>
                  act(s.id, `Could not make a sample for ${s.label}`, async () => {
                    replace(await setStyleSample(s.id, { source: "offline" }));
                    setStatus(`New offline sketch for “${s.label}”.`);
                  })
                }
                onPickSample={() => setPicking(picking === s.id ? null : s.id)}
              >
                {picking === s.id ? (
                  <SamplePicker
                    styleLabel={s.label}
                    onCancel={() => setPicking(null)}
                    onPick={async (imageId) => {
                      replace(await setStyleSample(s.id, { source: "image", imageId }));
                      setPicking(null);
                      setStatus(`“${s.label}” shows the picked image as its sample.`);
                    }}
                  />
                ) : null}
              </StyleCard>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="built-in-styles" className="space-y-3">
        <h2 id="built-in-styles" className="text-lg font-semibold tracking-tight">
          Built-in styles
        </h2>
        <p className="text-sm text-muted">
          These ship with Promptsmith and cannot be changed: duplicate one to start your own from it.
        </p>
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {builtIns.map((s) => (
            <StyleCard key={s.id} style={s} busy={busy === s.id} onDuplicate={() => duplicate(s)} />
          ))}
        </ul>
      </section>
    </div>
  );
}
