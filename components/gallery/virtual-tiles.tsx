"use client";

import { defaultRangeExtractor, type Range, useWindowVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { ImageFilter } from "@/lib/client/api";
import type { Image } from "@/lib/schemas/entities";
import { GalleryTile } from "./gallery-tile";
import { justifiedRows, type RowMetrics, rowMetricsFor } from "./justified-rows";

/** Rows kept above and below the screen: Tab and a quick flick find their tiles already there. */
const OVERSCAN = 4;

/**
 * The gallery's tiles once it holds more than its first page (gallery-grid.tsx loads this on
 * demand): justified rows worked out from the images' known sizes (justified-rows.ts), of which
 * only those near the screen are in the DOM, however far one scrolls. @tanstack/react-virtual
 * follows the window's scroll (the page keeps its one scrollbar) and places rows of any height.
 * The row holding focus always stays rendered, so a focused tile never vanishes under the
 * keyboard. `scrollTo`: where to put the window once laid out (Back to the gallery).
 */
export function VirtualTiles({
  items,
  filter,
  eager,
  setSize,
  scrollTo,
}: {
  items: Image[];
  filter: ImageFilter;
  eager: number;
  setSize: number;
  scrollTo?: number;
}) {
  const list = useRef<HTMLUListElement>(null);
  const [metrics, setMetrics] = useState<RowMetrics | null>(null);
  const [offsetTop, setOffsetTop] = useState(0);
  const [focusedRow, setFocusedRow] = useState<number | null>(null);

  // The list's width (and the breakpoint's row height) and where it starts on the page, before paint.
  useLayoutEffect(() => {
    const el = list.current;
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

  const scrolled = useRef(false);
  useLayoutEffect(() => {
    if (scrollTo === undefined || scrolled.current || !rows.length) return;
    scrolled.current = true;
    // Through the virtualizer, so the rows it renders follow at once (a bare window.scrollTo can
    // land before it listens, leaving the screen empty until the next scroll).
    virtualizer.scrollToOffset(scrollTo);
    return holdScroll(scrollTo, () => virtualizer.scrollToOffset(scrollTo));
  }, [scrollTo, rows, virtualizer]);

  const rowOf = (target: EventTarget | null) => {
    const li = target instanceof Element ? target.closest<HTMLElement>("[data-row]") : null;
    return li ? Number(li.dataset.row) : null;
  };

  return (
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
 * For a short while after Back, put the window back where it was if something else moved it: the
 * browser's own scroll restoration or a late layout can land after ours on a slow machine. Stops
 * at the person's first wheel, touch, key or pointer, so it never fights them.
 */
function holdScroll(target: number, scroll: () => void, ms = 1500): () => void {
  const until = performance.now() + ms;
  let frame = 0;
  const inputs = ["wheel", "touchstart", "keydown", "pointerdown"] as const;
  const stop = () => {
    cancelAnimationFrame(frame);
    for (const type of inputs) window.removeEventListener(type, stop, true);
  };
  for (const type of inputs) window.addEventListener(type, stop, { capture: true, passive: true });
  const check = () => {
    if (Math.abs(window.scrollY - target) > 2) scroll();
    if (performance.now() < until) frame = requestAnimationFrame(check);
    else stop();
  };
  frame = requestAnimationFrame(check);
  return stop;
}
