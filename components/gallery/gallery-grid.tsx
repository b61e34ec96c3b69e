"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Spinner } from "@/components/ui/spinner";
import { type ImageFilter, listImages } from "@/lib/client/api";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { plural } from "@/lib/client/format";
import { galleryQuery } from "@/lib/client/gallery-filter";
import type { Image, Page } from "@/lib/schemas/entities";
import { GalleryTile } from "./gallery-tile";
import type { VirtualTiles as VirtualTilesType } from "./virtual-tiles";

const PAGE_SIZE = 48;
const EAGER = 12;

/**
 * What the grid had loaded and where the window was when it was left (for an image page, say),
 * kept in memory across client navigations: Back finds the same images at the same place, not
 * the first page at the top. Only for the same history entry (so a Back or Forward to it, not a
 * new visit by a link) and the same filter.
 *
 * Where there is a Navigation API (Chromium, Firefox, Safari 26), the entry is known by its key:
 * during a traversal the current entry is already the one being returned to, while during a link
 * navigation it is still the page being left (Next pushes the new entry only when it commits).
 * No clock is involved, so a slow machine or a slow server cannot make Back forget. Elsewhere a
 * popstate just before the mount stands in for it.
 */
type Snapshot = { entry: string | null; query: string; items: Image[]; cursor: string | null; scrollY: number };
type Navigation = EventTarget & { currentEntry?: { key: string } | null };
let left: Snapshot | null = null;
let poppedAt = 0;
const navigation = (): Navigation | undefined =>
  typeof window === "undefined" ? undefined : (window as { navigation?: Navigation }).navigation;
if (typeof window !== "undefined" && !navigation()) {
  // Capture: Next's own popstate listener must not keep it from us.
  window.addEventListener("popstate", () => (poppedAt = Date.now()), { capture: true });
}
const entryKey = () => navigation()?.currentEntry?.key ?? null;

function restorable(query: string): Snapshot | null {
  if (!left || left.query !== query) return null;
  const back = navigation() ? left.entry !== null && left.entry === entryKey() : Date.now() - poppedAt < 2000;
  return back ? left : null;
}

/**
 * The gallery's images, newest first, loading more as you near the end (or on the button).
 * The first page is laid out by CSS (justified rows with flex-wrap: the server's HTML, no
 * measuring); from the second page on, virtual-tiles.tsx takes over, with the same rows, and
 * keeps only those near the screen in the DOM however far one scrolls. It (and the virtualizer
 * library, about 11 kB gzipped) is fetched on demand when more is first asked for, so a visit
 * that stays on the first screen never loads it.
 */
export function GalleryGrid({ initial, filter }: { initial: Page<Image>; filter: ImageFilter }) {
  const query = galleryQuery(filter);
  // Read once, on the first render: a hard load has no popstate before it, so it matches the server's HTML.
  const [restored] = useState(() => restorable(query));
  const [items, setItems] = useState(restored?.items ?? initial.items);
  const [cursor, setCursor] = useState(restored ? restored.cursor : initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [Virtual, setVirtual] = useState<typeof VirtualTilesType | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const busy = useRef(false);

  const loadVirtual = useCallback(() => {
    import("./virtual-tiles").then(
      (m) => setVirtual(() => m.VirtualTiles),
      // Offline or a new deployment: the CSS layout goes on holding every tile.
      () => undefined,
    );
  }, []);
  useEffect(() => {
    if (restored) loadVirtual();
  }, [restored, loadVirtual]);

  const loadMore = useCallback(async () => {
    if (!cursor || busy.current) return;
    busy.current = true;
    setLoading(true);
    setError(null);
    if (!Virtual) loadVirtual();
    try {
      const page = await listImages({ ...filter, cursor, limit: PAGE_SIZE });
      setItems((prev) => {
        const seen = new Set(prev.map((i) => i.id));
        return [...prev, ...page.items.filter((i) => !seen.has(i.id))];
      });
      setCursor(page.nextCursor);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, [cursor, filter, Virtual, loadVirtual]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor || error || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadMore(), {
      rootMargin: "800px 0px",
    });
    io.observe(el);
    return () => io.disconnect();
  }, [cursor, error, loadMore]);

  // Remember what is loaded and where the window is, for a Back to this page. A layout effect, so
  // that both the listener's removal and the snapshot happen in the commit that swaps this page
  // out, before the next page's scroll to its top: a passive cleanup can run a frame later on a
  // busy machine, after that scroll's event has already overwritten the place with 0.
  const latest = useRef({ items, cursor });
  latest.current = { items, cursor };
  useLayoutEffect(() => {
    // The entry this grid shows: read after mount, when a link navigation has pushed it.
    const entry = entryKey();
    let scrollY = window.scrollY;
    const onScroll = () => {
      scrollY = window.scrollY;
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      window.removeEventListener("scroll", onScroll);
      left = { entry, query, ...latest.current, scrollY };
    };
  }, [query]);

  const setSize = cursor ? -1 : items.length;
  return (
    <div>
      {Virtual ? (
        <Virtual items={items} filter={filter} eager={EAGER} setSize={setSize} scrollTo={restored?.scrollY} />
      ) : (
        <ul
          aria-label="Images"
          className="flex flex-wrap gap-1.5 [--row:7.5rem] after:grow-[10] after:content-[''] sm:gap-2 sm:[--row:11rem] xl:[--row:13rem]"
        >
          {/* A restored list of thousands waits for the virtualizer: only its first page here. */}
          {(restored ? items.slice(0, PAGE_SIZE) : items).map((image, i) => (
            <GalleryTile
              key={image.id}
              image={image}
              eager={i < EAGER}
              filter={filter}
              position={{ index: i + 1, setSize }}
            />
          ))}
        </ul>
      )}
      <div ref={sentinel} className="mt-6 flex flex-col items-center gap-3">
        {error ? <ErrorAlert error={error} action="Loading more failed" /> : null}
        {cursor ? (
          <button type="button" className="btn btn-secondary" onClick={() => void loadMore()} disabled={loading}>
            {loading ? <Spinner /> : null}
            {loading ? "Loading…" : error ? "Try again" : "Load more"}
          </button>
        ) : null}
        <p role="status" className="text-sm text-muted">
          {loading
            ? "Loading more images…"
            : cursor
              ? `Showing ${plural(items.length, "image")}`
              : `All ${plural(items.length, "image")} shown`}
        </p>
      </div>
    </div>
  );
}
