"use client";

import { useEffect, useRef, useState } from "react";

export const UNDO_MS = 8000;

type Props = {
  message: string;
  onUndo: () => Promise<void> | void;
  /** The notice went away (time up, or undone). */
  onDismiss: () => void;
  ms?: number;
  className?: string;
};

/**
 * "Removed …" with an Undo button, announced politely, gone after a few seconds.
 * Hovering or focusing it holds the timer, so a keyboard user is not raced.
 */
export function UndoNotice({ message, onUndo, onDismiss, ms = UNDO_MS, className = "" }: Props) {
  const [held, setHeld] = useState(false);
  const [busy, setBusy] = useState(false);
  // The latest callback, without restarting the timer each time the parent renders.
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  });

  useEffect(() => {
    if (held || busy) return;
    const t = setTimeout(() => dismiss.current(), ms);
    return () => clearTimeout(t);
  }, [held, busy, ms]);

  return (
    <div
      role="status"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      className={`flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-line bg-surface-2 px-3 py-1.5 text-sm text-ink ${className}`}
    >
      <span className="min-w-0 [overflow-wrap:anywhere]">{message}</span>
      <button
        type="button"
        className="btn btn-ghost btn-sm -my-1 text-accent"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onUndo();
          } finally {
            setBusy(false);
            dismiss.current();
          }
        }}
      >
        {busy ? "Undoing…" : "Undo"}
      </button>
    </div>
  );
}
