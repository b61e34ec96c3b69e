"use client";

import { ConfirmDeleteButton } from "@/components/ui/confirm-delete-button";
import { deleteImage } from "@/lib/client/api";

/** Delete, after a confirmation in a modal dialog; then back to the gallery (`redirectTo`, as it was filtered). */
export function DeleteImageButton({ imageId, redirectTo = "/gallery" }: { imageId: string; redirectTo?: string }) {
  return (
    <ConfirmDeleteButton
      label="Delete"
      title="Delete this image?"
      confirmLabel="Delete image"
      busyLabel="Deleting…"
      onDelete={() => deleteImage(imageId)}
      redirectTo={redirectTo}
    >
      The file goes for good. The prompt and its other images stay.
    </ConfirmDeleteButton>
  );
}
