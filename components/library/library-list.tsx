"use client";

import { useCallback, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Spinner } from "@/components/ui/spinner";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { listLibrary, removeLibraryEntry, starVersion } from "@/lib/client/library";
import type { LibraryEntry, Page } from "@/lib/schemas/entities";
import { LibraryItem } from "./library-item";
import { UndoNotice } from "./undo-notice";

type Row = { kind: "entry"; entry: LibraryEntry } | { kind: "removed"; entry: LibraryEntry };

type Props = { initial: Page<LibraryEntry>; q: string; pageSize: number };

/**
 * The starred prompts, newest first, with "Load more". A removed entry leaves an Undo notice
 * in its place for a few seconds; Undo stars its version again under the same name.
 */
export function LibraryList({ initial, q, pageSize }: Props) {
  const [rows, setRows] = useState<Row[]>(() => initial.items.map((entry) => ({ kind: "entry", entry })));
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [undoError, setUndoError] = useState<ShownError | null>(null);

  const setRow = (id: string, next: Row | null) =>
    setRows((rs) => rs.flatMap((r) => (r.entry.id === id ? (next ? [next] : []) : [r])));

  const loadMore = async () => {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await listLibrary({ q: q || undefined, cursor, limit: pageSize });
      setRows((rs) => {
        const have = new Set(rs.map((r) => r.entry.id));
        return [
          ...rs,
          ...page.items.filter((e) => !have.has(e.id)).map((entry) => ({ kind: "entry" as const, entry })),
        ];
      });
      setCursor(page.nextCursor);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setLoading(false);
    }
  };

  const remove = async (entry: LibraryEntry) => {
    await removeLibraryEntry(entry.id);
    // Without its version nothing can bring it back, and the item asked first.
    setRow(entry.id, entry.versionId ? { kind: "removed", entry } : null);
  };

  const undo = async (entry: LibraryEntry) => {
    if (!entry.versionId) return;
    setUndoError(null);
    try {
      const again = await starVersion(entry.versionId, entry.name);
      setRow(entry.id, { kind: "entry", entry: again });
    } catch (e) {
      setUndoError(toShownError(e));
      setRow(entry.id, null);
    }
  };

  const forget = useCallback(
    (id: string) => setRows((rs) => rs.filter((r) => !(r.entry.id === id && r.kind === "removed"))),
    [],
  );

  return (
    <div className="space-y-4">
      {undoError ? <ErrorAlert error={undoError} action="Undo failed" /> : null}
      <ul className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3">
        {rows.map((r) => (
          <li key={r.entry.id} className="min-w-0">
            {r.kind === "entry" ? (
              <LibraryItem
                entry={r.entry}
                onRenamed={(e) => setRow(r.entry.id, { kind: "entry", entry: e })}
                onRemove={remove}
              />
            ) : (
              <UndoNotice
                message={`Removed “${r.entry.name}” from the Library.`}
                onUndo={() => undo(r.entry)}
                onDismiss={() => forget(r.entry.id)}
                className="h-full min-h-14"
              />
            )}
          </li>
        ))}
      </ul>
      {rows.length === 0 && !cursor ? <p className="text-sm text-muted">Everything here was removed.</p> : null}
      {error ? <ErrorAlert error={error} action="Could not load more" /> : null}
      {cursor ? (
        <div className="flex justify-center">
          <button type="button" className="btn btn-secondary" onClick={loadMore} disabled={loading}>
            {loading ? <Spinner /> : null}
            Load more
          </button>
        </div>
      ) : null}
    </div>
  );
}
