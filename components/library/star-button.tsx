"use client";

import { useCallback, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { removeLibraryEntry, renameLibraryEntry, starVersion } from "@/lib/client/library";
import type { LibraryEntry, PromptVersion } from "@/lib/schemas/entities";
import { NameDialog } from "./name-dialog";
import { StarIcon } from "./star-icon";
import { UndoNotice } from "./undo-notice";

type Props = {
  version: PromptVersion;
  /** The Library entry starred from this version, if any. */
  entry?: LibraryEntry;
  /** Told when the version is starred, renamed or removed (null), for a parent that keeps the list. */
  onChange?: (entry: LibraryEntry | null) => void;
  /**
   * Saves what is on screen first (an unsaved edit becomes a version) and answers with the
   * version to star, so the Library gets the text the person sees, not the one it came from.
   */
  prepare?: () => Promise<PromptVersion>;
};

/**
 * Keeps a version in the Library under a name. "Star" opens a small "Save to library" dialog;
 * once starred the button reads "Starred", shows the name, and the same dialog renames or
 * removes it. Removing offers Undo for a few seconds, which stars the version again.
 */
export function StarButton({ version, entry: given, onChange, prepare }: Props) {
  const [entry, setEntry] = useState<LibraryEntry | null>(given ?? null);
  // Follow the parent when it shows another version, or learns of another entry.
  const [seen, setSeen] = useState({ versionId: version.id, entry: given });
  if (seen.versionId !== version.id || seen.entry !== given) {
    setSeen({ versionId: version.id, entry: given });
    setEntry(given ?? null);
  }
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [removed, setRemoved] = useState<{ name: string; versionId: string } | null>(null);
  const [undoError, setUndoError] = useState<ShownError | null>(null);
  const [prepareError, setPrepareError] = useState<ShownError | null>(null);

  const openDialog = async () => {
    setError(null);
    setPrepareError(null);
    if (prepare) {
      setBusy(true);
      try {
        // The parent shows the saved version by the time the dialog opens, and the dialog acts on it.
        await prepare();
      } catch (e) {
        setPrepareError(toShownError(e));
        return;
      } finally {
        setBusy(false);
      }
    }
    setOpen(true);
  };

  const change = (next: LibraryEntry | null) => {
    setEntry(next);
    onChange?.(next);
  };

  const save = async (name: string) => {
    setBusy(true);
    setError(null);
    try {
      change(entry ? await renameLibraryEntry(entry.id, name) : await starVersion(version.id, name));
      setOpen(false);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!entry) return;
    setBusy(true);
    setError(null);
    try {
      await removeLibraryEntry(entry.id);
      setRemoved({ name: entry.name, versionId: version.id });
      change(null);
      setOpen(false);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  };

  const undo = async () => {
    if (!removed) return;
    setUndoError(null);
    try {
      change(await starVersion(removed.versionId, removed.name));
    } catch (e) {
      setUndoError(toShownError(e));
    }
  };

  const dismiss = useCallback(() => setRemoved(null), []);
  const starred = entry !== null;

  return (
    <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
      <button
        type="button"
        aria-haspopup="dialog"
        title={starred ? `In the Library as “${entry.name}”` : "Keep this version in the Library"}
        aria-disabled={busy || undefined}
        onClick={() => {
          if (!busy) void openDialog();
        }}
        className={`btn btn-secondary ${starred ? "text-accent" : ""}`}
      >
        <StarIcon filled={starred} />
        {starred ? "Starred" : "Star"}
      </button>
      {starred ? (
        <span className="min-w-0 truncate text-sm text-muted" title={entry.name}>
          {entry.name}
        </span>
      ) : null}
      {removed ? (
        <UndoNotice message={`Removed “${removed.name}” from the Library.`} onUndo={undo} onDismiss={dismiss} />
      ) : null}
      {undoError ? <ErrorAlert error={undoError} action="Undo failed" /> : null}
      {prepareError ? (
        <ErrorAlert error={prepareError} action="Your edit was not saved, so nothing was starred" />
      ) : null}
      <NameDialog
        open={open}
        title="Save to library"
        initialName={entry?.name ?? (version.title || firstWords(version.prompt))}
        busy={busy}
        error={error ? <ErrorAlert error={error} action={starred ? "Rename failed" : "Save failed"} /> : null}
        onSave={save}
        onClose={() => setOpen(false)}
      >
        {starred ? (
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-muted">Kept in the Library as “{entry.name}”.</p>
            <button type="button" className="btn btn-danger btn-sm" onClick={remove} disabled={busy}>
              Remove from library
            </button>
          </div>
        ) : (
          <p className="text-muted">
            The prompt, its negative prompt, style and parts are kept, even if the idea goes.
          </p>
        )}
      </NameDialog>
    </div>
  );
}

function firstWords(text: string): string {
  const words = text.trim().split(/\s+/).slice(0, 6).join(" ");
  return words.length > 60 ? `${words.slice(0, 59)}…` : words;
}
