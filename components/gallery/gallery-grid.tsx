"use client";

import { useCallback, useEffect, useRef, useState } from "react";
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
 * the first page at the top. Only for a mount that a Back or Forward causes (a popstate just
 * before), and for the same filter.
 */
type Snapshot = { query: string; items: Image[]; cursor: string | null; scrollY: number };
let left: Snapshot | null = null;
let poppedAt = 0;
if (typeof window !== "undefined") {
  // Capture: Next's own popstate listener must not keep it from us.
  window.addEventListener("popstate", () => (poppedAt = Date.now()), { capture: true });
  // Where there is a Navigation API (Chromium), a traversal says so before anything renders.
  const nav = (window as { navigation?: EventTarget }).navigation;
  nav?.addEventListener("navigate", (e) => {
    if ((e as Event & { navigationType?: string }).navigationType === "traverse") poppedAt = Date.now();
  });
}

function restorable(query: string): Snapshot | null {
  const back = Date.now() - poppedAt < 2000;
  return back && left?.query === query ? left : null;
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

  // Remember what is loaded and where the window is, for a Back to this page. The place is read
  // as the person left it: by the time this unmounts, the next page may have scrolled to its top.
  const latest = useRef({ items, cursor });
  latest.current = { items, cursor };
  const scrollY = useRef(0);
  useEffect(() => {
    const onScroll = () => {
      scrollY.current = window.scrollY;
    };
    onScroll();
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      window.removeEventListener("scroll", onScroll);
      left = { query, ...latest.current, scrollY: scrollY.current };
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
