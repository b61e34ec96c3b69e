"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { UndoNotice } from "@/components/library/undo-notice";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Spinner } from "@/components/ui/spinner";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { listIdeas } from "@/lib/client/ideas";
import { type IdeasFilter, ideasFilterFrom, ideasQuery, isFiltered } from "@/lib/client/ideas-filter";
import type { IdeaSummary, Page } from "@/lib/schemas/entities";
import { IdeaCard } from "./idea-card";
import { IdeasEmpty } from "./ideas-empty";
import { type FilterOptions, IdeasFilters } from "./ideas-filters";
import { IdeasSearch } from "./ideas-search";
import { useDeferredDelete } from "./use-deferred-delete";

export const SEARCH_DEBOUNCE_MS = 250;

type Props = FilterOptions & { initial: Page<IdeaSummary>; initialFilter: IdeasFilter; pageSize: number };

/**
 * The Ideas list: search as you type, filter chips, infinite scroll with Load more, delete with
 * Undo. The address follows the filter (replaced, not pushed: typing is not history), so a
 * reload or Back shows the same list; the server renders the first page for that address.
 */
export function IdeasBrowser({ initial, initialFilter, pageSize, backends, styles }: Props) {
  const [filter, setFilter] = useState(initialFilter);
  const [q, setQ] = useState(initialFilter.q ?? "");
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState<"list" | "more" | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const deletes = useDeferredDelete();
  const shown = useRef(ideasQuery(initialFilter));
  const request = useRef<AbortController | null>(null);

  const load = useCallback(
    async (next: IdeasFilter) => {
      const query = ideasQuery(next);
      if (`${window.location.pathname}${window.location.search}` !== `/ideas${query}`) {
        window.history.replaceState(window.history.state, "", `/ideas${query}`);
      }
      if (query === shown.current) return;
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      setLoading("list");
      setError(null);
      try {
        const page = await listIdeas(next, { limit: pageSize, signal: controller.signal });
        shown.current = query;
        setItems(page.items);
        setCursor(page.nextCursor);
      } catch (e) {
        if (controller.signal.aborted) return;
        setError(toShownError(e));
      } finally {
        if (request.current === controller) {
          request.current = null;
          setLoading(null);
        }
      }
    },
    [pageSize],
  );

  // Back to a page the router kept: the address may say more than the first render knew.
  useEffect(() => {
    const fromAddress = ideasFilterFrom(Object.fromEntries(new URLSearchParams(window.location.search)));
    if (ideasQuery(fromAddress) !== shown.current) {
      setFilter(fromAddress);
      setQ(fromAddress.q ?? "");
      void load(fromAddress);
    }
  }, [load]);

  const applyFilter = (chosen: IdeasFilter) => {
    const next: IdeasFilter = { ...chosen };
    delete next.q;
    if (q.trim()) next.q = q;
    setFilter(next);
    void load(next);
  };

  // The search answers as you type, once the typing pauses.
  useEffect(() => {
    const next: IdeasFilter = { ...filter };
    delete next.q;
    if (q.trim()) next.q = q;
    if (ideasQuery(next) === ideasQuery(filter)) return;
    const t = setTimeout(() => {
      setFilter(next);
      void load(next);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [q, filter, load]);

  const loadMore = useCallback(async () => {
    if (!cursor || loading) return;
    setLoading("more");
    setError(null);
    const query = shown.current;
    try {
      const page = await listIdeas(filter, { cursor, limit: pageSize });
      if (query !== shown.current) return;
      setItems((have) => {
        const ids = new Set(have.map((i) => i.id));
        return [...have, ...page.items.filter((i) => !ids.has(i.id))];
      });
      setCursor(page.nextCursor);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setLoading((l) => (l === "more" ? null : l));
    }
  }, [cursor, loading, filter, pageSize]);

  // Infinite scroll: the sentinel below the list asks for more as it comes near the screen.
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void loadMore();
      },
      { rootMargin: "400px 0px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [cursor, loadMore]);

  const clear = () => {
    setQ("");
    setFilter({});
    void load({});
  };

  const visible = items.filter((i) => !deletes.hidden(i.id));
  const filtered = isFiltered(filter) || q.trim() !== "";

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3">
        <IdeasSearch value={q} onChange={setQ} />
        <IdeasFilters filter={filter} onChange={applyFilter} backends={backends} styles={styles} />
      </div>
      <p className="sr-only" role="status">
        {loading === "list" ? "Searching…" : ""}
      </p>
      {error ? <ErrorAlert error={error} action="Could not load ideas" /> : null}
      {deletes.error ? <ErrorAlert error={deletes.error} action="Could not delete the idea" /> : null}
      {visible.length ? (
        <ul
          className={`grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3 ${loading === "list" ? "opacity-60" : ""}`}
          aria-busy={loading === "list"}
        >
          {visible.map((idea) => (
            <li key={idea.id} className="min-w-0">
              <IdeaCard idea={idea} onDelete={deletes.remove} />
            </li>
          ))}
        </ul>
      ) : loading === "list" || cursor ? null : items.length ? (
        <p className="text-sm text-muted">Everything here was deleted.</p>
      ) : (
        <IdeasEmpty filtered={filtered} onClear={clear} />
      )}
      <div ref={sentinel} />
      {cursor ? (
        <div className="flex justify-center">
          <button type="button" className="btn btn-secondary" onClick={loadMore} disabled={loading !== null}>
            {loading === "more" ? <Spinner /> : null}
            Load more
          </button>
        </div>
      ) : null}
      {deletes.pending.length ? (
        <div className="fixed inset-x-0 bottom-4 z-40 mx-auto flex w-[min(28rem,calc(100%-2rem))] flex-col gap-2">
          {deletes.pending.map((idea) => (
            <UndoNotice
              key={idea.id}
              message={`Deleted “${idea.title || "Untitled idea"}”.`}
              onUndo={() => deletes.undo(idea.id)}
              onDismiss={() => deletes.settle(idea.id)}
              className="shadow-lg"
            />
          ))}
        </div>
      ) : null}
    </div>
  );
}
