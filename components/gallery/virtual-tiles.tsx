"use client";

import { defaultRangeExtractor, type Range, useWindowVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { ImageFilter } from "@/lib/client/api";
import type { Image } from "@/lib/schemas/entities";
import { GalleryTile } from "./gallery-tile";
import { justifiedRows, type RowMetrics, rowMetricsFor } from "./justified-rows";

/** Rows kept above and below the screen: Tab and a quick flick find their tiles already there. */
const OVERSCAN = 4;

type Props = {
  items: Image[];
  filter: ImageFilter;
  eager: number;
  setSize: number;
  /** Where to put the window once laid out (Back to the gallery). */
  scrollTo?: number;
};

/**
 * The gallery's tiles once it holds more than its first page (gallery-grid.tsx loads this on
 * demand): justified rows worked out from the images' known sizes (justified-rows.ts), of which
 * only those near the screen are in the DOM, however far one scrolls. @tanstack/react-virtual
 * follows the window's scroll (the page keeps its one scrollbar) and places rows of any height.
 *
 * The width is measured first (an empty list, before paint); the rows and the virtualizer come
 * once it is known, so that the virtualizer is born with every row's size and, after Back, at the
 * saved offset: its first render draws the rows there and its mount puts the window there, with
 * the document already tall enough. No scroll command is involved, whose bookkeeping a scroll by
 * someone else (the browser's restoration, the router) can leave drawing rows off screen.
 */
export function VirtualTiles(props: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [metrics, setMetrics] = useState<RowMetrics | null>(null);
  const [offsetTop, setOffsetTop] = useState(0);

  // The list's width (and the breakpoint's row height) and where it starts on the page, before paint.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      const next = rowMetricsFor(window.innerWidth, el.clientWidth);
      setMetrics((m) =>
        m && m.width === next.width && m.rowHeight === next.rowHeight && m.gap === next.gap ? m : next,
      );
      setOffsetTop(el.getBoundingClientRect().top + window.scrollY);
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Until then the box holds the window's place (or the one to return to) within the page, so
  // that the browser does not clamp the scroll to a page briefly shorter than the list it replaces.
  // Never painted: the measuring above runs before paint. Client-only (loaded on demand), so
  // window is there.
  const holdPlace = metrics ? undefined : { minHeight: (props.scrollTo ?? window.scrollY) + 2 * window.innerHeight };
  return (
    <div ref={box} style={holdPlace}>
      {metrics ? <Rows {...props} metrics={metrics} offsetTop={offsetTop} /> : <ul aria-label="Images" />}
    </div>
  );
}

/**
 * The rows near the screen. The row holding focus always stays rendered, so a focused tile never
 * vanishes under the keyboard.
 */
function Rows({
  items,
  filter,
  eager,
  setSize,
  scrollTo,
  metrics,
  offsetTop,
}: Props & {
  metrics: RowMetrics;
  offsetTop: number;
}) {
  const [focusedRow, setFocusedRow] = useState<number | null>(null);
  const ratios = useMemo(() => items.map((i) => i.width / Math.max(1, i.height)), [items]);
  const rows = useMemo(() => justifiedRows(ratios, metrics), [ratios, metrics]);
  const gap = metrics.gap;

  const rangeExtractor = useCallback(
    (range: Range) => {
      const shown = defaultRangeExtractor(range);
      if (focusedRow === null || focusedRow >= range.count || shown.includes(focusedRow)) return shown;
      return [...shown, focusedRow].sort((a, b) => a - b);
    },
    [focusedRow],
  );

  // Read once: the virtualizer takes it when it is made.
  const [initialOffset] = useState(() => scrollTo);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (i) => (rows[i]?.height ?? 0) + gap,
    overscan: OVERSCAN,
    scrollMargin: offsetTop,
    rangeExtractor,
    ...(initialOffset === undefined ? {} : { initialOffset }),
  });
  // Sizes come from the numbers, not from measuring: new rows or a new width mean new sizes.
  const measured = useRef(rows);
  useLayoutEffect(() => {
    if (measured.current === rows) return;
    measured.current = rows;
    virtualizer.measure();
  }, [rows, virtualizer]);

  useEffect(() => (initialOffset === undefined ? undefined : holdScroll(initialOffset)), [initialOffset]);

  const rowOf = (target: EventTarget | null) => {
    const li = target instanceof Element ? target.closest<HTMLElement>("[data-row]") : null;
    return li ? Number(li.dataset.row) : null;
  };

  return (
    <ul
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
              eager={i < eager}
              filter={filter}
              box={{ ...box, top, height: row.height }}
              row={v.index}
              position={{ index: i + 1, setSize }}
            />
          );
        });
      })}
    </ul>
  );
}

/**
 * For a short while after Back, put the window back where it was if something else moves it: the
 * browser's own scroll restoration or the router's scroll to the top can land after ours on a slow
 * machine. A plain window scroll, which the virtualizer follows like any other. Stops at the
 * person's first wheel, touch, key or pointer, so it never fights them.
 */
function holdScroll(target: number, ms = 1500): () => void {
  const until = performance.now() + ms;
  let frame = 0;
  const inputs = ["wheel", "touchstart", "keydown", "pointerdown"] as const;
  const stop = () => {
    cancelAnimationFrame(frame);
    for (const type of inputs) window.removeEventListener(type, stop, true);
  };
  for (const type of inputs) window.addEventListener(type, stop, { capture: true, passive: true });
  const check = () => {
    if (Math.abs(window.scrollY - target) > 2) window.scrollTo(0, target);
    if (performance.now() < until) frame = requestAnimationFrame(check);
    else stop();
  };
  frame = requestAnimationFrame(check);
  return stop;
}
