import type { SaveStatus } from "./use-autosave";

/** The truth about the edit on screen, beside the Prompt's label. */
export function SaveStatusBadge({
  status,
  numberOf,
}: {
  status: SaveStatus;
  numberOf: (versionId: string) => number | undefined;
}) {
  switch (status.kind) {
    case "clean":
      return null;
    case "unsaved":
      return <span className="chip border-warning/40 text-warning">Unsaved changes</span>;
    case "saving":
      return <span className="chip">Saving…</span>;
    case "saved": {
      const n = numberOf(status.versionId);
      return <span className="chip border-success/40 text-success">{n ? `Saved as v${n}` : "Saved"}</span>;
    }
    case "failed":
      return (
        <span role="alert" className="chip whitespace-normal border-danger/40 text-danger">
          Not saved: {status.error.message}
        </span>
      );
  }
}
