"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorAlert } from "@/components/ui/error-alert";
import { deleteImage } from "@/lib/client/api";
import { type ShownError, toShownError } from "@/lib/client/api-error";

/** Delete, after a confirmation in a modal dialog; then back to the gallery. */
export function DeleteImageButton({ imageId }: { imageId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteImage(imageId);
      setOpen(false);
      router.push("/gallery");
      router.refresh();
    } catch (e) {
      setError(toShownError(e));
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => setOpen(true)}>
        Delete
      </button>
      <ConfirmDialog
        open={open}
        title="Delete this image?"
        confirmLabel="Delete image"
        busy={busy}
        busyLabel="Deleting…"
        error={error ? <ErrorAlert error={error} action="Delete failed" /> : null}
        onConfirm={confirm}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
      >
        The file goes for good. The prompt and its other images stay.
      </ConfirmDialog>
    </>
  );
}
