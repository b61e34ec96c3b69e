"use client";

import { defaultRangeExtractor, type Range, useWindowVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Spinner } from "@/components/ui/spinner";
import { type ImageFilter, listImages } from "@/lib/client/api";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { plural } from "@/lib/client/format";
import { galleryQuery } from "@/lib/client/gallery-filter";
import type { Image, Page } from "@/lib/schemas/entities";
import { GalleryTile } from "./gallery-tile";
import { justifiedRows, type RowMetrics, rowMetricsFor } from "./justified-rows";

const PAGE_SIZE = 48;
const EAGER = 12;
/** Rows kept above and below the screen: Tab and a quick flick find their tiles already there. */
const OVERSCAN = 4;

/**
 * What the grid had loaded and where the window was when it was left (for an image page, say),
 * kept in memory across client navigations: Back finds the same images at the same place, not
 * the first page at the top. Only for a mount that a Back or Forward causes (a popstate just
 * before), and for the same filter.
 */
type Snapshot = { query: string; items: Image[]; cursor: string | null; scrollY: number };
let left: Snapshot | null = null;
let poppedAt = 0;
if (typeof window !== "undefined") window.addEventListener("popstate", () => (poppedAt = Date.now()));

function restorable(query: string): Snapshot | null {
  const back = Date.now() - poppedAt < 2000;
  return back && left?.query === query ? left : null;
}

/**
 * The gallery's images, newest first, loading more as you near the end (or on the button), in
 * justified rows of which only those on screen (and a few either side) are in the DOM, however
 * far one scrolls: @tanstack/react-virtual follows the window's scroll (the page keeps its one
 * scrollbar) and places rows of any height, which justified-rows.ts works out from the images'
 * known sizes. Until the grid has measured its width (the server's HTML, hydration) the first
 * page is laid out by CSS flex-wrap with the same rule, so nothing moves when it takes over.
 * The row holding focus always stays rendered: a focused tile never vanishes under the keyboard.
 * Back from an image page finds the images that were loaded and the place (Snapshot above).
 */
export function GalleryGrid({ initial, filter }: { initial: Page<Image>; filter: ImageFilter }) {
  const query = galleryQuery(filter);
  // Read once, on the first render: a hard load has no popstate before it, so it matches the server's HTML.
  const [restored] = useState(() => restorable(query));
  const [items, setItems] = useState(restored?.items ?? initial.items);
  const [cursor, setCursor] = useState(restored ? restored.cursor : initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const busy = useRef(false);
  const list = useRef<HTMLUListElement>(null);
  const [metrics, setMetrics] = useState<RowMetrics | null>(null);
  const [offsetTop, setOffsetTop] = useState(0);
  const [focusedRow, setFocusedRow] = useState<number | null>(null);

  const loadMore = useCallback(async () => {
    if (!cursor || busy.current) return;
    busy.current = true;
    setLoading(true);
    setError(null);
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
  }, [cursor, filter]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor || error || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadMore(), {
      rootMargin: "800px 0px",
    });
    io.observe(el);
    return () => io.disconnect();
  }, [cursor, error, loadMore]);

  // The list's width (and the breakpoint's row height) and where it starts on the page, before paint.
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const measure = () => {
      const width = el.clientWidth;
      setMetrics((m) => {
        const next = rowMetricsFor(window.innerWidth, width);
        return m && m.width === next.width && m.rowHeight === next.rowHeight && m.gap === next.gap ? m : next;
      });
      setOffsetTop(el.getBoundingClientRect().top + window.scrollY);
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Remember what is loaded and where the window is, for a Back to this page.
  const latest = useRef({ items, cursor });
  latest.current = { items, cursor };
  useEffect(
    () => () => {
      left = { query, ...latest.current, scrollY: window.scrollY };
    },
    [query],
  );

  const ratios = useMemo(() => items.map((i) => i.width / Math.max(1, i.height)), [items]);
  const rows = useMemo(() => (metrics ? justifiedRows(ratios, metrics) : []), [ratios, metrics]);
  const gap = metrics?.gap ?? 0;

  const rangeExtractor = useCallback(
    (range: Range) => {
      const shown = defaultRangeExtractor(range);
      if (focusedRow === null || focusedRow >= range.count || shown.includes(focusedRow)) return shown;
      return [...shown, focusedRow].sort((a, b) => a - b);
    },
    [focusedRow],
  );

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (i) => (rows[i]?.height ?? 0) + gap,
    overscan: OVERSCAN,
    scrollMargin: offsetTop,
    rangeExtractor,
  });
  // Sizes come from the numbers, not from measuring: new rows or a new width mean new sizes.
  useLayoutEffect(() => {
    if (rows.length) virtualizer.measure();
  }, [rows, virtualizer]);
  // Back to where it was, once the restored rows are laid out.
  const scrolled = useRef(false);
  useLayoutEffect(() => {
    if (!restored || scrolled.current || !rows.length) return;
    scrolled.current = true;
    window.scrollTo(0, restored.scrollY);
  }, [restored, rows]);

  const rowOf = (target: EventTarget | null) => {
    const li = target instanceof Element ? target.closest<HTMLElement>("[data-row]") : null;
    return li ? Number(li.dataset.row) : null;
  };

  const setSize = cursor ? -1 : items.length;
  return (
    <div>
      {metrics ? (
        <ul
          ref={list}
          aria-label="Images"
          className="relative"
          style={{ height: Math.max(0, virtualizer.getTotalSize() - gap) }}
          onFocus={(e) => setFocusedRow(rowOf(e.target))}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusedRow(null);
          }}
        >
          {virtualizer.getVirtualItems().flatMap((v) => {
            const row = rows[v.index];
            if (!row) return [];
            const top = v.start - offsetTop;
            return row.tiles.map((box, k) => {
              const i = row.start + k;
              const image = items[i];
              if (!image) return null;
              return (
                <GalleryTile
                  key={image.id}
                  image={image}
                  eager={i < EAGER}
                  filter={filter}
                  box={{ ...box, top, height: row.height }}
                  row={v.index}
                  position={{ index: i + 1, setSize }}
                />
              );
            });
          })}
        </ul>
      ) : (
        <ul
          ref={list}
          aria-label="Images"
          className="flex flex-wrap gap-1.5 [--row:7.5rem] after:grow-[10] after:content-[''] sm:gap-2 sm:[--row:11rem] xl:[--row:13rem]"
        >
          {/* Only the first page: a restored list of thousands is laid out by the virtualizer at once. */}
          {items.slice(0, PAGE_SIZE).map((image, i) => (
            <GalleryTile key={image.id} image={image} eager={i < EAGER} filter={filter} />
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
