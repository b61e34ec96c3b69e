import { css, mix } from "./color";
import type { Ctx } from "./context";
import { circle, f, group, type Point, path, rect, smoothD } from "./svg";

/** The sky gradient, its sun or moon, stars, aurora, clouds and birds. */

export function skyGradient(ctx: Ctx): string {
  const { pal, w, h, horizon } = ctx;
  const fill = ctx.defs.linear(
    [
      [0, pal.skyTop],
      [0.55, pal.skyMid],
      [1, pal.skyHorizon],
    ],
    0,
    0,
    0,
    horizon,
  );
  return rect(0, 0, w, h, { fill }) + rect(0, horizon, w, h - horizon, { fill: pal.skyHorizon });
}

export function celestial(ctx: Ctx): string {
  const { pal, m, sunX: x, sunY: y } = ctx;
  if (pal.celestial === "none") return "";
  const r = m * (pal.celestial === "moon" ? 0.038 : 0.05);
  const glowR = m * (pal.celestial === "moon" ? 0.28 : 0.42);
  const glowStrength =
    pal.celestial === "moon" ? 0.35 : ctx.scene.time === "noon" || ctx.scene.time === "day" ? 0.45 : 0.7;
  const glow = ctx.defs.radial(
    [
      [0, pal.glow, glowStrength],
      [0.25, pal.glow, glowStrength * 0.45],
      [1, pal.glow, 0],
    ],
    x,
    y,
    glowR,
  );
  const parts = [circle(x, y, glowR, { fill: glow })];
  if (pal.celestial === "sun") {
    ctx.drawn.sun = true;
    parts.push(circle(x, y, r * 1.35, { fill: pal.sun, opacity: 0.35 }), circle(x, y, r, { fill: pal.sun }));
  } else {
    parts.push(moon(ctx, x, y, r));
  }
  return group(parts);
}

function moon(ctx: Ctx, x: number, y: number, r: number): string {
  const rng = ctx.rng.fork("moon");
  // The draw happens either way, so a prompt naming no phase keeps the picture it always had.
  const chance = rng.chance(0.35);
  const full = ctx.scene.moon ? ctx.scene.moon === "full" : chance;
  ctx.drawn.moon = full ? "full" : "crescent";
  const fill = ctx.pal.sun;
  if (full) {
    const shade = css(mix(fill, ctx.pal.skyMid, 0.18));
    return group([
      circle(x, y, r, { fill }),
      circle(x - r * 0.3, y - r * 0.2, r * 0.22, { fill: shade }),
      circle(x + r * 0.35, y + r * 0.25, r * 0.16, { fill: shade }),
      circle(x + r * 0.1, y - r * 0.45, r * 0.1, { fill: shade }),
    ]);
  }
  // A crescent: the outer half-circle, back along a half-ellipse terminator.
  const k = rng.range(0.25, 0.6);
  const dir = rng.chance(0.5) ? 1 : 0;
  return path(
    `M${f(x)} ${f(y - r)}A${f(r)} ${f(r)} 0 1 ${dir} ${f(x)} ${f(y + r)}A${f(r * k)} ${f(r)} 0 1 ${1 - dir} ${f(x)} ${f(y - r)}Z`,
    { fill, extra: { transform: `rotate(${f(rng.range(-25, 25))} ${f(x)} ${f(y)})` } },
  );
}

export function stars(ctx: Ctx): string {
  const { scene, w, horizon, m } = ctx;
  const night = scene.time === "night";
  if (!night && scene.time !== "dusk") return "";
  if (ctx.weather("storm") || ctx.weather("rain")) return "";
  const rng = ctx.rng.fork("stars");
  const count = Math.round((night ? 150 : 45) * (w / m) * (ctx.weather("clouds") || ctx.weather("fog") ? 0.4 : 1));
  if (count > 0) ctx.drawn.stars = true;
  const parts: string[] = [];
  // One halo gradient in bounding-box units, shared by every bright star.
  const halo = ctx.defs.radial(
    [
      [0, ctx.pal.star, 0.35],
      [1, ctx.pal.star, 0],
    ],
    0.5,
    0.5,
    0.5,
    { units: "objectBoundingBox" },
  );
  for (let i = 0; i < count; i++) {
    const x = rng.range(0, w);
    const t = rng.next() ** 1.4;
    const y = t * horizon * 0.9;
    const big = rng.chance(0.06);
    const r = m * (big ? rng.range(0.0025, 0.004) : rng.range(0.0008, 0.0018));
    const fade = (1 - t) * (night ? 1 : 0.6);
    parts.push(circle(x, y, r, { fill: ctx.pal.star, opacity: rng.range(0.35, 1) * fade }));
    // (No halos in ink: the edge tracer would draw each one as a set of rings.)
    if (big && ctx.scene.medium !== "ink") parts.push(circle(x, y, r * 4, { fill: halo, opacity: fade }));
  }
  return group(parts);
}

/**
 * Aurora curtains: vertical rays rising from a wavy lower edge, brightest at the
 * edge and fading upward, like the real thing. One path of strokes per curtain.
 */
export function aurora(ctx: Ctx): string {
  if (!ctx.scene.extras.includes("aurora")) return "";
  ctx.drawn.aurora = true;
  const { w, horizon, m, defs } = ctx;
  const rng = ctx.rng.fork("aurora");
  const colors = ["#5ef2a6", "#49d6c8", "#b48cf2"];
  const curtains: string[] = [];
  for (let b = 0; b < 3; b++) {
    const base = horizon * rng.range(0.45, 0.72);
    const tall = Math.min(base * 0.85, m * rng.range(0.2, 0.34));
    const phase = rng.range(0, Math.PI * 2);
    const waves = rng.range(0.7, 1.4);
    const x0 = rng.range(-0.3, 0.2) * w;
    const x1 = x0 + rng.range(0.7, 1.2) * w;
    const edge = (x: number) => base + Math.sin(((x - x0) / (x1 - x0)) * Math.PI * 2 * waves + phase) * m * 0.035;
    const color = colors[b % colors.length] ?? "#5ef2a6";
    // The glow: a ribbon that fades out both above and (a little) below its lower edge.
    const fill = defs.linear(
      [
        [0, color, 0],
        [0.8, color, 0.32],
        [1, color, 0],
      ],
      0,
      base - tall,
      0,
      base + m * 0.06,
    );
    const steps = 16;
    const low: Point[] = [];
    const high: Point[] = [];
    for (let i = 0; i <= steps; i++) {
      const x = x0 + ((x1 - x0) * i) / steps;
      // Tapered ends: the curtain thins to nothing at both sides instead of stopping.
      const taper = Math.sin((i / steps) * Math.PI) ** 0.7;
      low.push([x, edge(x) + m * 0.04 * taper]);
      high.unshift([x, edge(x) - tall * taper]);
    }
    curtains.push(path(`${smoothD(low)}L${smoothD(high).slice(1)}Z`, { fill }));
    // The rays: thin, faint vertical strokes of uneven height.
    let rays = "";
    for (let x = x0; x < x1; x += m * rng.range(0.008, 0.016)) {
      const t = (x - x0) / (x1 - x0);
      const reach = tall * Math.sin(t * Math.PI) ** 0.6 * rng.range(0.4, 0.95);
      rays += `M${f(x)} ${f(edge(x))}v${f(-reach)}`;
    }
    curtains.push(path(rays, { stroke: fill, strokeWidth: m * 0.003, opacity: 0.6 }));
  }
  return group(curtains);
}

/** A wide, flat-bottomed cumulus: puffs that swell toward the middle, on a straight base. */
function cloudShape(x: number, y: number, size: number, rng: Ctx["rng"]): string {
  const puffs = rng.int(4, 7);
  const width = size * rng.range(2.2, 3.2);
  let d = "";
  for (let i = 0; i < puffs; i++) {
    const t = (i + 0.5) / puffs;
    const swell = Math.sin(t * Math.PI);
    const r = size * (0.22 + 0.38 * swell) * rng.range(0.85, 1.15);
    const cx = x - width / 2 + width * t;
    const cy = y - r * 0.6;
    d += `M${f(cx - r)} ${f(cy)}a${f(r)} ${f(r)} 0 1 0 ${f(2 * r)} 0a${f(r)} ${f(r)} 0 1 0 ${f(-2 * r)} 0Z`;
  }
  // The base, wound the same way as the puffs so the nonzero rule leaves no holes.
  const base = size * 0.3;
  d += `M${f(x - width / 2)} ${f(y - base)}a${f(base)} ${f(base)} 0 0 0 ${f(base)} ${f(base)}L${f(x + width / 2 - base)} ${f(y)}a${f(base)} ${f(base)} 0 0 0 ${f(base)} ${f(-base)}Z`;
  return d;
}

export function clouds(ctx: Ctx): string {
  const { scene, w, horizon, m, pal } = ctx;
  const rng = ctx.rng.fork("clouds");
  const storm = ctx.weather("storm");
  const overcast = storm || ctx.weather("rain") || ctx.weather("clouds");
  if (ctx.weather("clear")) return "";
  const night = scene.time === "night";
  const count = storm ? 9 : overcast ? 7 : night ? rng.int(0, 2) : rng.int(2, 4);
  ctx.drawn.clouds += count;
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const size = m * (storm ? rng.range(0.14, 0.24) : rng.range(0.05, 0.11));
    const x = rng.range(-0.05, 1.05) * w;
    const y = horizon * (storm ? rng.range(0.08, 0.5) : rng.range(0.12, 0.7));
    const d = cloudShape(x, y, size, rng);
    const alpha = night ? 0.55 : ctx.weather("fog") ? 0.45 : overcast ? 0.85 : 0.92;
    // A shaded underside first, the lit body a little above: flat, two-tone clouds.
    parts.push(
      path(d, { fill: pal.cloudShade, opacity: alpha, extra: { transform: `translate(0 ${f(size * 0.12)})` } }),
    );
    parts.push(path(d, { fill: pal.cloud, opacity: alpha }));
  }
  if (storm) {
    const fill = ctx.defs.linear(
      [
        [0, pal.cloudShade, 0.95],
        [1, pal.cloudShade, 0],
      ],
      0,
      0,
      0,
      horizon * 0.6,
    );
    parts.unshift(rect(0, 0, w, horizon * 0.6, { fill }));
  }
  return group(parts);
}

export function birds(ctx: Ctx): string {
  const { scene, w, horizon, m } = ctx;
  const rng = ctx.rng.fork("birds");
  const wanted = scene.extras.includes("birds") || (scene.time !== "night" && !ctx.has("interior") && rng.chance(0.3));
  if (!wanted || ctx.weather("storm")) return "";
  const count = scene.extras.includes("birds") ? rng.int(5, 9) : rng.int(2, 4);
  ctx.drawn.birds += count;
  const cx = ctx.focusX - ctx.side * w * 0.1 + rng.range(-0.1, 0.1) * w;
  const cy = horizon * rng.range(0.25, 0.5);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = m * rng.range(0.008, 0.016);
    const x = cx + rng.range(-0.12, 0.12) * w;
    const y = cy + rng.range(-0.08, 0.08) * horizon;
    parts.push(
      path(
        `M${f(x - s)} ${f(y - s * 0.4)}Q${f(x - s * 0.5)} ${f(y - s * 0.6)} ${f(x)} ${f(y)}Q${f(x + s * 0.5)} ${f(y - s * 0.6)} ${f(x + s)} ${f(y - s * 0.4)}`,
        {
          stroke: ctx.pal.ink,
          strokeWidth: Math.max(1, s * 0.22),
          opacity: 0.75,
        },
      ),
    );
  }
  return group(parts);
}
