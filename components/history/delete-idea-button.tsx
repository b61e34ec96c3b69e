"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorAlert } from "@/components/ui/error-alert";
import { deleteIdea } from "@/lib/client/api";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { plural } from "@/lib/client/format";

/** Delete an idea with its versions and images, after a confirmation that says how much goes. */
export function DeleteIdeaButton({ ideaId, versions, images }: { ideaId: string; versions: number; images: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteIdea(ideaId);
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
        Delete idea
      </button>
      <ConfirmDialog
        open={open}
        title="Delete this idea?"
        confirmLabel="Yes, remove everything"
        busy={busy}
        busyLabel="Removing…"
        error={error ? <ErrorAlert error={error} action="Delete failed" /> : null}
        onConfirm={confirm}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
      >
        Its {plural(versions, "version")} and {plural(images, "image")} go with it. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
