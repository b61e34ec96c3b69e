/**
 * The gallery's justified rows, worked out in numbers so that only the rows on screen need to be
 * in the DOM (gallery-grid.tsx). The same rule the CSS flex-wrap layout follows before the grid
 * has measured its width: a tile's base width is its aspect ratio times the target row height; a
 * row takes tiles while their base widths and the gaps fit, then grows them all by the same
 * factor to fill the width, so every tile in a row has one height and keeps its shape. The last
 * row keeps the target height (more images may join it).
 */

export type RowTile = { left: number; width: number };
export type JustifiedRow = {
  /** Index of the row's first item in the list. */
  start: number;
  top: number;
  height: number;
  tiles: RowTile[];
};

export type RowMetrics = { width: number; rowHeight: number; gap: number };

/** Breakpoints as the CSS has them (sm 640 px, xl 1280 px; 1 rem = 16 px): row height and gap. */
export function rowMetricsFor(viewportWidth: number, containerWidth: number): RowMetrics {
  const rowHeight = viewportWidth >= 1280 ? 208 : viewportWidth >= 640 ? 176 : 120;
  return { width: containerWidth, rowHeight, gap: viewportWidth >= 640 ? 8 : 6 };
}

export function justifiedRows(ratios: readonly number[], { width, rowHeight, gap }: RowMetrics): JustifiedRow[] {
  const rows: JustifiedRow[] = [];
  if (width <= 0) return rows;
  let top = 0;
  let start = 0;
  let used = 0;
  const close = (end: number, last: boolean) => {
    const slice = ratios.slice(start, end);
    const sum = slice.reduce((a, r) => a + r, 0);
    const gaps = gap * (slice.length - 1);
    // A full row is grown to the width; a last one keeps the target height unless that overflows.
    const height = last ? Math.min(rowHeight, (width - gaps) / sum) : (width - gaps) / sum;
    const tiles: RowTile[] = [];
    let x = 0;
    for (const r of slice) {
      // Whole pixels from the running edge, so rounding never opens or closes a gap.
      const left = Math.round(x);
      x += r * height;
      tiles.push({ left, width: Math.round(x) - left });
      x += gap;
    }
    rows.push({ start, top, height: Math.round(height), tiles });
    top += Math.round(height) + gap;
    start = end;
    used = 0;
  };
  for (let i = 0; i < ratios.length; i++) {
    const basis = Math.min((ratios[i] ?? 1) * rowHeight, width);
    if (i > start && used + gap + basis > width) close(i, false);
    used += (i > start ? gap : 0) + basis;
  }
  if (start < ratios.length) close(ratios.length, true);
  return rows;
}
