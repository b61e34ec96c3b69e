"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorAlert } from "@/components/ui/error-alert";
import { LocalTime } from "@/components/ui/local-time";
import { Spinner } from "@/components/ui/spinner";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { renameLibraryEntry, startIdeaFromEntry, studioUrl } from "@/lib/client/library";
import type { LibraryEntry } from "@/lib/schemas/entities";
import { getStyleLabel } from "@/lib/style-labels";
import { NameDialog } from "./name-dialog";

type Props = {
  entry: LibraryEntry;
  onRenamed: (entry: LibraryEntry) => void;
  /** Removes the entry; the list offers Undo where it can. */
  onRemove: (entry: LibraryEntry) => Promise<void>;
};

export const DIALECT_LABEL = { prose: "Prose", tags: "SD tags" } as const;

/** One starred prompt: what it is, where it came from, and what can be done with it. */
export function LibraryItem({ entry, onRenamed, onRemove }: Props) {
  const router = useRouter();
  const [starting, setStarting] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ action: string; error: ShownError } | null>(null);
  const headingId = `entry-${entry.id}`;
  const style = getStyleLabel(entry.style);

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      const { idea, version } = await startIdeaFromEntry(entry.id);
      router.push(studioUrl(idea.id, version.id));
    } catch (e) {
      setError({ action: "Could not start a new idea", error: toShownError(e) });
      setStarting(false);
    }
  };

  const rename = async (name: string) => {
    setBusy(true);
    setError(null);
    try {
      onRenamed(await renameLibraryEntry(entry.id, name));
      setRenaming(false);
    } catch (e) {
      setError({ action: "Rename failed", error: toShownError(e) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await onRemove(entry);
    } catch (e) {
      setError({ action: "Remove failed", error: toShownError(e) });
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <article aria-labelledby={headingId} className="card flex h-full flex-col gap-3 p-4">
      <header className="space-y-1.5">
        <h2 id={headingId} className="text-base font-semibold [overflow-wrap:anywhere]">
          {entry.name}
        </h2>
        <p className="flex flex-wrap items-center gap-1.5 text-xs text-muted">
          {style ? <span className="chip">{style.label}</span> : null}
          <span className="chip">{DIALECT_LABEL[entry.dialect]}</span>
          <span>
            starred <LocalTime iso={entry.createdAt} />
          </span>
        </p>
      </header>

      <p className="line-clamp-4 text-[0.9375rem] leading-relaxed [overflow-wrap:anywhere]" title={entry.prompt}>
        {entry.prompt}
      </p>
      <p className="text-sm text-muted [overflow-wrap:anywhere]">
        <span className="font-medium text-ink">Idea: </span>
        {entry.ideaId ? (
          <Link href={`/ideas/${encodeURIComponent(entry.ideaId)}`} className="link">
            {entry.ideaText}
          </Link>
        ) : (
          <>
            {entry.ideaText} <span className="italic">(that idea was deleted)</span>
          </>
        )}
      </p>

      {error && !renaming ? <ErrorAlert error={error.error} action={error.action} /> : null}

      <div className="mt-auto grid grid-cols-2 gap-2 pt-1 sm:flex sm:flex-wrap">
        <button type="button" className="btn btn-primary btn-sm col-span-2" onClick={start} disabled={starting}>
          {starting ? <Spinner /> : null}
          Start new idea
        </button>
        <button
          type="button"
          className="btn btn-secondary btn-sm"
          aria-haspopup="dialog"
          onClick={() => {
            setError(null);
            setRenaming(true);
          }}
        >
          Rename
        </button>
        <button
          type="button"
          className="btn btn-danger btn-sm"
          disabled={busy}
          onClick={() => (entry.versionId ? remove() : setConfirming(true))}
        >
          Remove
        </button>
      </div>

      <NameDialog
        open={renaming}
        title="Rename"
        initialName={entry.name}
        busy={busy}
        error={error && renaming ? <ErrorAlert error={error.error} action={error.action} /> : null}
        onSave={rename}
        onClose={() => setRenaming(false)}
      />
      <ConfirmDialog
        open={confirming}
        title={`Remove “${entry.name}”?`}
        confirmLabel="Remove"
        busy={busy}
        busyLabel="Removing…"
        onConfirm={remove}
        onCancel={() => setConfirming(false)}
      >
        The idea it came from was deleted, so this cannot be undone.
      </ConfirmDialog>
    </article>
  );
}
