import { darken, hex, lighten, mix, type Rgb } from "./color";
import type { Ctx } from "./context";
import { skyline } from "./city-skyline";
import { celestial, clouds, skyGradient, stars } from "./sky";
import { drawSubject } from "./subjects";
import type { SubjectKind } from "./scene-types";
import { circle, group, path, polygonD, type Point } from "./svg";
import { fogVeil, rain } from "./weather";

/**
 * A street seen from its middle, in one-point perspective: facades with windows and
 * glowing signs recede to a vanishing point, and a wet road mirrors the lights.
 * World units are metres; the camera stands 1.7 m above the road.
 */

const CAM_H = 1.7;
const ROAD = 4;
const FACADE = 6.8;

type Proj = (x: number, y: number, z: number) => Point;

function quad(
  p: Proj,
  a: [number, number, number],
  b: [number, number, number],
  c: [number, number, number],
  d: [number, number, number],
): string {
  return polygonD([p(...a), p(...b), p(...c), p(...d)]);
}

/** Neon glow without filters: the same outline stroked wide and faint, then narrow and bright. */
function glowOutline(d: string, color: Rgb, width: number): string {
  return (
    path(d, { stroke: color, strokeWidth: width * 6, opacity: 0.12 }) +
    path(d, { stroke: color, strokeWidth: width * 2.5, opacity: 0.3 }) +
    path(d, { stroke: lighten(color, 0.45), strokeWidth: width })
  );
}

export function composeStreet(ctx: Ctx, subject: SubjectKind | null): string[] {
  const { w, h, m, pal } = ctx;
  const rng = ctx.rng.fork("street");
  const vpX = w * 0.5 + (ctx.focusX - w * 0.5) * -0.25;
  const horizon = ctx.horizon;
  const F = m * 0.36;
  const proj: Proj = (x, y, z) => [vpX + (x * F) / z, horizon + ((CAM_H - y) * F) / z];
  const wet = ctx.weather("rain") || ctx.weather("storm") || ctx.scene.matched.includes("wet") || pal.neon;
  const glowing = pal.darkness > 0.3;
  const neonColors = pal.neon
    ? [pal.accent, pal.accent2, hex("#ffb13b"), hex("#a45cff")]
    : [pal.lamp, mix(pal.lamp, pal.accent, 0.5), pal.accent];

  const out: string[] = [skyGradient(ctx), stars(ctx), celestial(ctx), clouds(ctx)];
  out.push(skyline(ctx, horizon + m * 0.005));
  out.push(fogVeil(ctx, horizon - m * 0.02, m * 0.25, 0.45));

  // The ground: road, sidewalks and lane dashes.
  const asphalt = pal.lit(hex("#3a3d4a"));
  const roadFill = ctx.defs.linear(
    [
      [0, wet ? mix(asphalt, pal.skyHorizon, 0.55) : lighten(asphalt, 0.1)],
      [0.25, asphalt],
      [1, darken(asphalt, 0.35)],
    ],
    0,
    horizon,
    0,
    h,
  );
  const far = 400;
  const near = 0.6;
  const ground: string[] = [];
  ground.push(path(quad(proj, [-ROAD, 0, near], [ROAD, 0, near], [ROAD, 0, far], [-ROAD, 0, far]), { fill: roadFill }));
  const walk = pal.lit(hex("#55596a"));
  for (const s of [-1, 1]) {
    ground.push(
      path(quad(proj, [s * ROAD, 0, near], [s * FACADE, 0, near], [s * FACADE, 0, far], [s * ROAD, 0, far]), {
        fill: walk,
      }),
    );
    ground.push(
      path(
        quad(
          proj,
          [s * ROAD, 0.15, near],
          [s * (ROAD + 0.2), 0.15, near],
          [s * (ROAD + 0.2), 0.15, far],
          [s * ROAD, 0.15, far],
        ),
        { fill: lighten(walk, 0.15) },
      ),
    );
  }
  let dashes = "";
  for (let z = 2.5; z < 120; z += 6)
    dashes += quad(proj, [-0.08, 0, z], [0.08, 0, z], [0.08, 0, z + 2.5], [-0.08, 0, z + 2.5]);
  ground.push(path(dashes, { fill: lighten(asphalt, 0.45), opacity: 0.7 }));
  out.push(group(ground));

  // Buildings, far to near on both sides so nearer ones overlap farther ones.
  type Building = { side: number; z0: number; z1: number; height: number; color: Rgb };
  const buildings: Building[] = [];
  for (const side of [-1, 1]) {
    let z = rng.range(0.8, 2.5);
    while (z < 160) {
      const len = rng.range(5, 14);
      const depth = Math.min(1, z / 140);
      const base = hex(rng.pick(["#3b4257", "#4a4150", "#3d4a55", "#52495a", "#34384a"]));
      buildings.push({ side, z0: z, z1: z + len, height: rng.range(9, 34), color: pal.land(base, depth * 0.9) });
      z += len + rng.range(0, 1.2);
    }
  }
  buildings.sort((a, b) => b.z0 - a.z0);

  const reflections: string[] = [];
  const windowLit = glowing ? pal.lamp : lighten(pal.skyHorizon, 0.1);
  for (const b of buildings) {
    const x = b.side * FACADE;
    const parts: string[] = [];
    parts.push(
      path(quad(proj, [x, 0, b.z0], [x, b.height, b.z0], [x, b.height, b.z1], [x, 0, b.z1]), { fill: b.color }),
    );
    // The building's front edge, seen where it stands proud of its neighbour.
    parts.push(
      path(
        quad(proj, [x, 0, b.z0], [x, b.height, b.z0], [x + b.side * 1.2, b.height, b.z0], [x + b.side * 1.2, 0, b.z0]),
        { fill: darken(b.color, 0.25) },
      ),
    );
    parts.push(
      path(quad(proj, [x, b.height - 0.6, b.z0], [x, b.height, b.z0], [x, b.height, b.z1], [x, b.height - 0.6, b.z1]), {
        fill: darken(b.color, 0.3),
      }),
    );

    let lit = "";
    let dark = "";
    let neonLit = "";
    const pxPerM = F / b.z0;
    if (pxPerM > 1.2) {
      for (let y = 3; y < b.height - 2; y += 3.2) {
        for (let z = b.z0 + 0.8; z < b.z1 - 1.4; z += 2.4) {
          const d = quad(proj, [x, y, z], [x, y + 1.7, z], [x, y + 1.7, z + 1.3], [x, y, z + 1.3]);
          const r = rng.next();
          if (r < 0.12 + 0.4 * pal.darkness) {
            if (pal.neon && r < 0.05) neonLit += d;
            else lit += d;
          } else dark += d;
        }
      }
    }
    parts.push(path(dark, { fill: darken(b.color, 0.3) }));
    parts.push(path(lit, { fill: windowLit, opacity: glowing ? 0.85 : 0.5 }));
    if (neonLit) parts.push(path(neonLit, { fill: pal.accent2, opacity: 0.9 }));

    // Shopfronts: a lit band at street level, the brightest thing in a street at night.
    if (glowing && b.z0 > 7 && rng.chance(0.6) && b.z1 - b.z0 > 4) {
      const color = pal.neon && rng.chance(0.4) ? rng.pick(neonColors) : pal.lamp;
      const za = b.z0 + 0.6;
      const zb = b.z1 - 0.6;
      parts.push(
        path(quad(proj, [x, 0.3, za], [x, 2.8, za], [x, 2.8, zb], [x, 0.3, zb]), { fill: color, opacity: 0.75 }),
      );
      parts.push(
        path(quad(proj, [x, 2.8, za], [x, 3.3, za], [x - b.side * 0.9, 3.1, zb], [x - b.side * 0.9, 2.8, zb]), {
          fill: darken(b.color, 0.4),
        }),
      );
      if (wet)
        reflections.push(
          path(quad(proj, [x, -0.3, za], [x, -3.5, za], [x, -3.5, zb], [x, -0.3, zb]), {
            fill: ctx.defs.fadeDown(color, 0.35),
          }),
        );
    }

    // A sign on some buildings: a blade sticking out over the sidewalk, outlined in light.
    if (rng.chance(pal.neon ? 0.7 : 0.3) && b.z0 < 60) {
      const color = rng.pick(neonColors);
      const zs = b.z0 + rng.range(0.5, 2);
      const y0 = rng.range(3, 5);
      const y1 = y0 + rng.range(3, 7);
      const inX = x - b.side * 1.5;
      const sign = quad(proj, [x, y0, zs], [x, y1, zs], [inX, y1, zs], [inX, y0, zs]);
      const width = Math.max(1, (F / zs) * 0.06);
      parts.push(path(sign, { fill: darken(b.color, 0.5) }));
      if (glowing) parts.push(glowOutline(sign, color, width));
      else parts.push(path(sign, { stroke: color, strokeWidth: width }));
      // Abstract glyph bars inside the sign: it reads as lettering without any font.
      let bars = "";
      for (let yy = y0 + 0.6; yy < y1 - 0.6; yy += 1) {
        const a = x - b.side * rng.range(0.25, 0.45);
        const c = x - b.side * rng.range(1.0, 1.25);
        bars += quad(proj, [a, yy, zs], [a, yy + 0.45, zs], [c, yy + 0.45, zs], [c, yy, zs]);
      }
      parts.push(path(bars, { fill: lighten(color, glowing ? 0.35 : 0), opacity: 0.9 }));
      if (wet && glowing) {
        // The sign mirrored in the wet ground, stretched into a streak.
        const mirror = quad(proj, [x, -y0, zs], [x, -y1 * 1.8, zs], [inX, -y1 * 1.8, zs], [inX, -y0, zs]);
        reflections.push(path(mirror, { fill: ctx.defs.fadeDown(color, 0.45) }));
      }
    }
    out.push(group(parts));
  }

  // Street lamps along both curbs.
  const lamps: string[] = [];
  for (const side of [-1, 1]) {
    for (let z = rng.range(3, 8); z < 90; z += 14) {
      const x = side * (ROAD + 0.5);
      const [bx, by] = proj(x, 0, z);
      const [tx, ty] = proj(x, 5.5, z);
      const [hx, hy] = proj(x - side * 1.2, 5.5, z);
      const wpx = Math.max(1, (F / z) * 0.12);
      lamps.push(
        path(`M${bx.toFixed(1)} ${by.toFixed(1)}L${tx.toFixed(1)} ${ty.toFixed(1)}L${hx.toFixed(1)} ${hy.toFixed(1)}`, {
          stroke: darken(asphalt, 0.4),
          strokeWidth: wpx,
        }),
      );
      if (glowing) {
        const r = (F / z) * 1.6;
        lamps.push(
          circle(hx, hy + wpx, r, { fill: ctx.defs.glow(pal.lamp, 0.5) }),
          circle(hx, hy + wpx, wpx * 1.6, { fill: lighten(pal.lamp, 0.5) }),
        );
        if (wet) {
          const [rx, ry] = proj(x - side * 1.2, -5.5, z);
          reflections.push(
            path(
              `M${(rx - wpx * 1.5).toFixed(1)} ${by.toFixed(1)}h${(wpx * 3).toFixed(1)}L${(rx + wpx * 0.8).toFixed(1)} ${ry.toFixed(1)}h${(-wpx * 1.6).toFixed(1)}Z`,
              { fill: ctx.defs.fadeDown(pal.lamp, 0.4) },
            ),
          );
        }
      }
    }
  }
  out.push(group(reflections), group(lamps));

  // The figure: stand it where it is the right size, on the chosen third.
  const kind = subject;
  if (kind) {
    const z = (1.75 * F) / (m * 0.26);
    const [, gy] = proj(0, 0, z);
    const figure = drawSubject(ctx, kind, ctx.focusX, gy);
    if (wet) out.push(group(figure, { transform: `matrix(1 0 0 -1 0 ${(2 * gy).toFixed(1)})`, opacity: 0.22 }));
    out.push(figure);
  }
  out.push(rain(ctx));
  return out;
}
