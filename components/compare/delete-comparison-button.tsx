"use client";

import { ConfirmDeleteButton } from "@/components/ui/confirm-delete-button";
import { deleteComparison } from "@/lib/client/compare";

/** Delete a saved comparison after a confirmation; its images stay with their versions. */
export function DeleteComparisonButton({ comparisonId, ideaId }: { comparisonId: string; ideaId: string }) {
  return (
    <ConfirmDeleteButton
      label="Delete comparison"
      title="Delete this comparison?"
      confirmLabel="Delete comparison"
      busyLabel="Deleting…"
      onDelete={() => deleteComparison(comparisonId)}
      redirectTo={`/ideas/${encodeURIComponent(ideaId)}`}
    >
      The grid goes. Its images stay with their versions in the idea’s history and the gallery.
    </ConfirmDeleteButton>
  );
}
