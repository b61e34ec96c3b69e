import { darken, hex, lighten, mix } from "./color";
import type { Ctx } from "./context";
import { f, group, path, rect } from "./svg";

/** A city skyline on the horizon: two rows of blocks, lit windows after dark, a few rooftop details. */
export function skyline(ctx: Ctx, baseY: number): string {
  const { w, m, pal } = ctx;
  const rng = ctx.rng.fork("skyline");
  const rows = [
    { depth: 0.75, minH: 0.08, maxH: 0.26, minW: 0.03, maxW: 0.07 },
    { depth: 0.4, minH: 0.05, maxH: 0.18, minW: 0.045, maxW: 0.1 },
  ];
  const parts: string[] = [];
  const litChance = 0.08 + 0.45 * pal.darkness;
  for (const row of rows) {
    const color = pal.land(hex("#3c4660"), row.depth);
    let blocks = "";
    let windows = "";
    let neon = "";
    let x = -rng.range(0, 0.05) * w;
    while (x < w) {
      const bw = m * rng.range(row.minW, row.maxW);
      const bh = m * rng.range(row.minH, row.maxH);
      const top = baseY - bh;
      blocks += `M${f(x)} ${f(baseY)}V${f(top)}H${f(x + bw)}V${f(baseY)}Z`;
      if (rng.chance(0.25))
        blocks += `M${f(x + bw * 0.45)} ${f(top)}v${f(-m * 0.04)}h${f(Math.max(1, m * 0.003))}v${f(m * 0.04)}Z`;
      const cell = m * 0.012;
      for (let wy = top + cell; wy < baseY - cell; wy += cell * 1.6) {
        for (let wx = x + cell * 0.6; wx < x + bw - cell; wx += cell * 1.3) {
          if (rng.chance(litChance)) {
            const target = pal.neon && rng.chance(0.15) ? "neon" : "win";
            const d = `M${f(wx)} ${f(wy)}h${f(cell * 0.6)}v${f(cell * 0.8)}h${f(-cell * 0.6)}Z`;
            if (target === "neon") neon += d;
            else windows += d;
          }
        }
      }
      x += bw + m * rng.range(0, 0.01);
    }
    parts.push(path(blocks, { fill: color }));
    const lit = pal.darkness > 0.3 ? mix(pal.lamp, color, row.depth * 0.4) : lighten(color, 0.18);
    parts.push(path(windows, { fill: lit, opacity: 0.85 }));
    if (neon) parts.push(path(neon, { fill: pal.accent2, opacity: 0.9 }));
  }
  // Ground under the city, to the bottom of the skyline band.
  parts.push(rect(0, baseY, w, m * 0.02, { fill: darken(pal.land(hex("#3c4660"), 0.3), 0.2) }));
  return group(parts);
}
