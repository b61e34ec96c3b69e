"use client";

import { ConfirmDeleteButton } from "@/components/ui/confirm-delete-button";
import { deleteIdea } from "@/lib/client/api";
import { plural } from "@/lib/client/format";

/** Delete an idea with its versions and images, after a confirmation that says how much goes. */
export function DeleteIdeaButton({ ideaId, versions, images }: { ideaId: string; versions: number; images: number }) {
  return (
    <ConfirmDeleteButton
      label="Delete idea"
      title="Delete this idea?"
      confirmLabel="Yes, remove everything"
      busyLabel="Removing…"
      onDelete={() => deleteIdea(ideaId)}
      redirectTo="/gallery"
    >
      Its {plural(versions, "version")} and {plural(images, "image")} go with it. This cannot be undone.
    </ConfirmDeleteButton>
  );
}
