import { describe, expect, it } from "vitest";
import { justifiedRows, rowMetricsFor } from "@/components/gallery/justified-rows";

describe("justifiedRows", () => {
  const metrics = { width: 1000, rowHeight: 200, gap: 8 };

  it("fills full rows to the width exactly, every tile in a row one height, keeping its shape", () => {
    const ratios = [1, 1.5, 0.75, 1, 1, 2, 1, 0.5];
    const rows = justifiedRows(ratios, metrics);
    for (const row of rows.slice(0, -1)) {
      const last = row.tiles.at(-1);
      expect(last && last.left + last.width).toBe(1000);
      row.tiles.forEach((t, k) => {
        expect(Math.abs(t.width / row.height - (ratios[row.start + k] ?? 0))).toBeLessThan(0.02);
        if (k > 0) {
          const prev = row.tiles[k - 1];
          expect(prev && t.left - (prev.left + prev.width)).toBe(8);
        }
      });
    }
    // Every item once, in order; rows stacked with the gap between them.
    expect(rows.reduce((n, r) => n + r.tiles.length, 0)).toBe(ratios.length);
    rows.forEach((r, i) => {
      if (i > 0) {
        const prev = rows[i - 1];
        expect(prev && r.top).toBe(prev && prev.top + prev.height + 8);
        expect(prev && r.start).toBe(prev && prev.start + prev.tiles.length);
      }
    });
  });

  it("takes tiles while their base widths and gaps fit, as flex-wrap does", () => {
    // Four squares of 200 px and three gaps are 824 px; a fifth would make 1032 > 1000.
    const rows = justifiedRows([1, 1, 1, 1, 1, 1], metrics);
    expect(rows.map((r) => r.tiles.length)).toEqual([4, 2]);
    expect(rows[0]?.height).toBe(Math.round((1000 - 24) / 4));
  });

  it("leaves the last row at the target height, and a lone panorama within the width", () => {
    const rows = justifiedRows([1, 1, 8], metrics);
    expect(rows.at(-1)?.height).toBeLessThanOrEqual(200);
    const pano = justifiedRows([8], metrics)[0];
    expect(pano?.tiles[0]?.width).toBeLessThanOrEqual(1000);
    expect(pano?.height).toBe(125);
    expect(justifiedRows([1, 2], { ...metrics, width: 0 })).toEqual([]);
  });

  it("follows the CSS breakpoints: 2 squares a row on a phone, bigger rows on wide screens", () => {
    const phone = rowMetricsFor(375, 343);
    expect(phone).toEqual({ width: 343, rowHeight: 120, gap: 6 });
    expect(justifiedRows([1, 1, 1, 1], phone).map((r) => r.tiles.length)).toEqual([2, 2]);
    expect(rowMetricsFor(1440, 1376)).toEqual({ width: 1376, rowHeight: 208, gap: 8 });
    expect(rowMetricsFor(800, 752).rowHeight).toBe(176);
  });
});
