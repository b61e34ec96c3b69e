import { darken, hex, lighten } from "./color";
import type { Ctx } from "./context";
import type { Point } from "./svg";
import { group, path, polygonD } from "./svg";
import type { Profile } from "./terrain";

/** A headland on the subject's side of the picture, dropping into the sea: returns its top to stand on. */
export function cliff(ctx: Ctx): { svg: string; profile: Profile } {
  const { w, h, m, pal } = ctx;
  const rng = ctx.rng.fork("cliff");
  const dir = ctx.side; // -1: cliff on the left, its edge toward the middle.
  const edgeX = ctx.focusX - dir * w * rng.range(0.12, 0.18);
  const outer = dir === -1 ? -w * 0.05 : w * 1.05;
  const topY = ctx.horizon - m * rng.range(0.05, 0.11);
  const top: Point[] = [];
  const steps = 10;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const x = outer + (edgeX - outer) * t;
    top.push([x, topY + m * 0.03 * Math.sin(t * 3 + rng.next()) + (t > 0.85 ? m * 0.03 * (t - 0.85) * 6 : 0)]);
  }
  // The face: a jagged drop from the edge to the water below.
  const face: Point[] = [];
  let x = edgeX;
  let y = top[top.length - 1]?.[1] ?? topY;
  while (y < h) {
    y += m * rng.range(0.03, 0.07);
    x += -dir * m * rng.range(0.005, 0.035);
    face.push([x, Math.min(y, h + 2)]);
  }
  const outline: Point[] = [...top, ...face, [outer, h + 2]];
  const rock = pal.land(hex("#6f6660"), 0.15);
  const grass = pal.land(ctx.weather("snow") ? hex("#eef3fa") : hex("#5e8a4e"), 0.1);
  const rockFill = ctx.defs.linear(
    [
      [0, rock],
      [1, darken(rock, 0.35)],
    ],
    0,
    topY,
    0,
    h,
  );
  const parts = [path(polygonD(outline), { fill: rockFill })];
  // The face in shadow: a band along the drop, darker than the rock behind it.
  const faceShade: Point[] = [...face.map(([fx, fy]) => [fx, fy] as Point)];
  const inner = [...face].reverse().map(([fx, fy]) => [fx + dir * m * rng.range(0.03, 0.06), fy] as Point);
  parts.push(
    path(polygonD([[edgeX, top[top.length - 1]?.[1] ?? topY], ...faceShade, ...inner]), { fill: darken(rock, 0.22) }),
  );
  // Rock facets: a few darker wedges hanging from the top, so the mass has a structure.
  let facets = "";
  for (let i = 0; i < 5; i++) {
    const t = rng.range(0.1, 0.9);
    const fx = outer + (edgeX - outer) * t;
    const fy = topY + m * 0.03;
    const len = (h - fy) * rng.range(0.3, 0.8);
    const wdt = m * rng.range(0.03, 0.08);
    facets += `M${fx.toFixed(1)} ${fy.toFixed(1)}l${wdt.toFixed(1)} ${(len * 0.4).toFixed(1)}l${(-wdt * 0.4).toFixed(1)} ${(len * 0.6).toFixed(1)}l${(-wdt * 0.9).toFixed(1)} ${(-len * 0.7).toFixed(1)}Z`;
  }
  parts.push(path(facets, { fill: darken(rock, 0.12), opacity: 0.8 }));
  const grassTop = top.map(([px, py]) => [px, py] as Point);
  const grassBottom = [...top].reverse().map(([px, py]) => [px, py + m * 0.025] as Point);
  parts.push(path(polygonD([...grassTop, ...grassBottom]), { fill: grass }));
  // Foam where the waves break at the foot of the cliff.
  const foam = lighten(pal.water, 0.6);
  const baseX = face[face.length - 1]?.[0] ?? edgeX;
  let d = "";
  for (let i = 0; i < 12; i++) {
    const fy = h - rng.range(0, 0.22) * (h - ctx.horizon);
    const fx = baseX - dir * rng.range(0, 0.08) * w;
    const len = m * rng.range(0.02, 0.06);
    d += `M${(fx - len / 2).toFixed(1)} ${fy.toFixed(1)}q${(len / 2).toFixed(1)} ${(-len * 0.35).toFixed(1)} ${len.toFixed(1)} 0`;
  }
  parts.push(path(d, { stroke: foam, strokeWidth: m * 0.005, opacity: 0.75 }));
  return { svg: group(parts), profile: top };
}
