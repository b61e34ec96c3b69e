"use client";

import { type ReactNode, useEffect, useId, useRef, useState } from "react";

type Props = {
  open: boolean;
  title: string;
  initialName: string;
  saveLabel?: string;
  busy: boolean;
  error?: ReactNode;
  /** More, under the form (e.g. what is already kept, and a Remove button). */
  children?: ReactNode;
  onSave: (name: string) => void;
  onClose: () => void;
};

/**
 * A small modal form on the native <dialog> that asks for a name: focus lands in the
 * Name field with its text selected, Enter saves, Esc closes, focus returns to the opener.
 */
export function NameDialog({
  open,
  title,
  initialName,
  saveLabel = "Save",
  busy,
  error,
  children,
  onSave,
  onClose,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const nameId = useId();
  const [name, setName] = useState(initialName);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setName(initialName);
      dialog.showModal?.();
      // showModal() focuses the first control; select its text so typing replaces it.
      requestAnimationFrame(() => input.current?.select());
    }
    if (!open && dialog.open) dialog.close?.();
  }, [open, initialName]);

  const trimmed = name.trim();

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-xl border border-line bg-surface p-0 text-ink shadow-xl backdrop:bg-scrim"
    >
      <form
        className="p-5"
        onSubmit={(e) => {
          e.preventDefault();
          if (trimmed && !busy) onSave(trimmed);
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <label htmlFor={nameId} className="field-label mt-4">
          Name
        </label>
        <input
          ref={input}
          id={nameId}
          name="name"
          value={name}
          maxLength={120}
          required
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
          className="field"
        />
        {error ? <div className="mt-3">{error}</div> : null}
        {children ? <div className="mt-4 border-t border-line pt-4 text-sm">{children}</div> : null}
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !trimmed} aria-busy={busy}>
            {busy ? "Saving…" : saveLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
