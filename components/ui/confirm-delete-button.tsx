"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorAlert } from "@/components/ui/error-alert";
import { type ShownError, toShownError } from "@/lib/client/api-error";

type Props = {
  /** The button that opens the dialog. */
  label: string;
  title: string;
  /** The dialog's destructive button, and what it says while the deletion runs. */
  confirmLabel: string;
  busyLabel: string;
  /** What goes, in the dialog's words. */
  children: ReactNode;
  /** The deletion; when it throws, the error shows in the dialog, which stays open. */
  onDelete: () => Promise<unknown>;
  /** Where to go once it is done (the page shown is gone). */
  redirectTo: string;
};

/** A Delete button that asks first in a modal dialog (Cancel focused), then deletes and moves on. */
export function ConfirmDeleteButton({ label, title, confirmLabel, busyLabel, children, onDelete, redirectTo }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onDelete();
      setOpen(false);
      router.push(redirectTo);
      router.refresh();
    } catch (e) {
      setError(toShownError(e));
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => setOpen(true)}>
        {label}
      </button>
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={confirmLabel}
        busy={busy}
        busyLabel={busyLabel}
        error={error ? <ErrorAlert error={error} action="Delete failed" /> : null}
        onConfirm={confirm}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
      >
        {children}
      </ConfirmDialog>
    </>
  );
}
