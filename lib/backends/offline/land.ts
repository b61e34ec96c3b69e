import { darken, hex, lighten, mix, type Rgb } from "./color";
import type { Ctx } from "./context";
import { heightAt, mountainRidge, type Profile, rollingProfile } from "./terrain";
import { circle, f, group, path, polygonD, type Point, ridgeD, smoothD } from "./svg";

/** Mountains, hills, dunes and the foreground ground a subject stands on. */

export type Layer = { svg: string; profile: Profile };

const ROCK = hex("#5d6a86");
const SNOW = hex("#f1f5fb");
const SNOW_SHADE = hex("#b9c9e2");

/** A local maximum over `reach` neighbours each side (y grows downward). */
function isPeak(profile: readonly Point[], i: number, reach: number): boolean {
  const p = profile[i];
  if (!p) return false;
  for (let k = Math.max(0, i - reach); k <= Math.min(profile.length - 1, i + reach); k++) {
    const q = profile[k];
    if (k !== i && q && q[1] < p[1]) return false;
  }
  return true;
}

/** One mountain range with shaded faces away from the sun and, optionally, snow caps. */
function range(ctx: Ctx, depth: number, opts: { baseY: number; height: number; caps: boolean; seed: string }): string {
  const { w, pal, defs } = ctx;
  const rng = ctx.rng.fork(opts.seed);
  const profile = mountainRidge(rng, {
    x0: -w * 0.05,
    x1: w * 1.05,
    baseY: opts.baseY,
    height: opts.height,
    roughness: rng.range(0.48, 0.58),
    depth: 6,
  });
  const bottom = ctx.h;
  const body = ridgeD(profile, bottom);
  const base = pal.land(ROCK, depth);
  const clip = defs.clip(path(body));
  const parts = [path(body, { fill: base })];

  // Faces turned from the sun: from each peak, the ridge down to the next valley on the
  // shadow side, back up a spine line that runs from the foot to the peak.
  const shadowDir = ctx.sunX > ctx.w / 2 ? -1 : 1;
  const foot = opts.baseY + opts.height * 0.1;
  const shade: string[] = [];
  for (let i = 1; i < profile.length - 1; i++) {
    const p = profile[i];
    if (!p || !isPeak(profile, i, 4)) continue;
    const pts: Point[] = [p];
    let j = i + shadowDir;
    while (j > 0 && j < profile.length - 1) {
      const q = profile[j];
      const next = profile[j + shadowDir];
      if (!q || !next) break;
      pts.push(q);
      if (next[1] < q[1] && isPeak(profile, j + shadowDir, 2)) break;
      j += shadowDir;
    }
    // Straight from the valley to the spine's foot: a vertical edge here would read as a stripe.
    pts.push([p[0] + shadowDir * (foot - p[1]) * rng.range(0.15, 0.45), foot]);
    shade.push(polygonD(pts));
  }
  parts.push(path(shade.join(""), { fill: darken(base, 0.16), opacity: 0.85, extra: { "clip-path": clip } }));

  if (opts.caps) {
    const top = Math.min(...profile.map((p) => p[1]));
    const capLine = top + opts.height * rng.range(0.28, 0.4);
    const capPts: Point[] = [];
    for (let i = 0; i <= 24; i++)
      capPts.push([-ctx.w * 0.05 + (ctx.w * 1.1 * i) / 24, capLine + rng.range(-0.06, 0.06) * opts.height]);
    const capD = `${polygonD(capPts).slice(0, -1)}L${f(ctx.w * 1.05)} ${f(top - 10)}L${f(-ctx.w * 0.05)} ${f(top - 10)}Z`;
    const snow = pal.land(SNOW, depth * 0.8);
    parts.push(path(capD, { fill: snow, extra: { "clip-path": clip } }));
    parts.push(
      path(shade.join(""), {
        fill: pal.land(SNOW_SHADE, depth * 0.8),
        opacity: 0.8,
        extra: { "clip-path": defs.clip(path(capD)) },
      }),
    );
  }
  return group(parts);
}

export function mountains(ctx: Ctx): string {
  const { horizon, h, m } = ctx;
  const caps = !ctx.has("desert");
  const tall = ctx.scene.moods.includes("dramatic") ? 1.3 : 1;
  return (
    range(ctx, 0.85, {
      baseY: horizon + h * 0.01,
      height: Math.min(horizon * 0.6, m * 0.34 * tall),
      caps,
      seed: "range-far",
    }) +
    range(ctx, 0.5, {
      baseY: horizon + h * 0.02,
      height: Math.min(horizon * 0.4, m * 0.22 * tall),
      caps: caps && ctx.weather("snow"),
      seed: "range-near",
    })
  );
}

/** Base colour of open ground for the scene's setting and weather. */
export function groundColor(ctx: Ctx): Rgb {
  if (ctx.weather("snow")) return SNOW;
  if (ctx.has("desert")) return hex("#e2b372");
  if (ctx.has("city")) return hex("#4a4f5e");
  if (ctx.has("forest")) return hex("#3f7046");
  if (ctx.has("mountains") && !ctx.has("field")) return hex("#5f8a55");
  return hex("#79ab5e");
}

export function hills(ctx: Ctx, depth: number, seed: string, opts: { lift: number; amplitude: number }): Layer {
  const { w, h, m, pal } = ctx;
  const rng = ctx.rng.fork(seed);
  const profile = rollingProfile(rng, {
    x0: -w * 0.05,
    x1: w * 1.05,
    baseY: ctx.horizon + opts.lift,
    amplitude: m * opts.amplitude,
    waves: 3,
  });
  const base = groundColor(ctx);
  const fill = pal.land(ctx.weather("snow") ? mix(base, SNOW_SHADE, depth) : darken(base, 0.1 * (1 - depth)), depth);
  return { svg: path(smoothD(profile, { bottom: h }), { fill }), profile };
}

/** The nearest ground, lit from the sun's side with a soft gradient. */
export function foreground(ctx: Ctx): Layer {
  const { w, h, m, pal, defs } = ctx;
  const rng = ctx.rng.fork("foreground");
  const baseY = ctx.horizon + (h - ctx.horizon) * rng.range(0.42, 0.58);
  const profile = rollingProfile(rng, { x0: -w * 0.05, x1: w * 1.05, baseY, amplitude: m * 0.05, waves: 2 });
  const base = groundColor(ctx);
  const top = pal.lit(base);
  const fill = defs.linear(
    [
      [0, top],
      [1, darken(top, ctx.weather("snow") ? 0.12 : 0.28)],
    ],
    0,
    baseY - m * 0.05,
    0,
    h,
  );
  const parts = [path(smoothD(profile, { bottom: h }), { fill })];
  // A highlight along the crest, on the sun's side.
  parts.push(path(smoothD(profile), { stroke: lighten(top, 0.25), strokeWidth: m * 0.004, opacity: 0.5 }));
  return { svg: group(parts), profile };
}

export function dunes(ctx: Ctx): Layer {
  const { w, h, m, pal } = ctx;
  const rng = ctx.rng.fork("dunes");
  const sand = hex("#e6b778");
  const parts: string[] = [];
  let last: Profile = [];
  const rows = 4;
  for (let i = 0; i < rows; i++) {
    const t = i / (rows - 1);
    const depth = 0.8 * (1 - t);
    const baseY = ctx.horizon + (h - ctx.horizon) * (0.08 + 0.45 * t ** 1.3);
    const profile = rollingProfile(rng, {
      x0: -w * 0.05,
      x1: w * 1.05,
      baseY,
      amplitude: m * (0.03 + 0.05 * t),
      waves: 2,
      points: 30,
    });
    const lit = pal.land(i % 2 === 0 ? sand : darken(sand, 0.08), depth);
    parts.push(path(smoothD(profile, { bottom: h }), { fill: lit }));
    // The shadowed lee of each dune: the same crest, shifted down and clipped to the dune.
    const shadow = profile.map(([x, y], k) => [x, y + m * 0.04 * (0.5 + 0.5 * Math.sin(k * 0.7 + i))] as const);
    parts.push(path(smoothD(shadow, { bottom: h }), { fill: darken(lit, 0.14), opacity: 0.55 }));
    last = profile;
  }
  return { svg: group(parts), profile: last };
}

/** Small tufts and, when asked for, flowers along the foreground. */
export function tufts(ctx: Ctx, profile: Profile): string {
  if (ctx.has("desert") || ctx.has("city") || ctx.weather("snow")) return "";
  const { w, h, m, pal } = ctx;
  const rng = ctx.rng.fork("tufts");
  const grass = darken(pal.lit(groundColor(ctx)), 0.22);
  const flowers = ctx.scene.extras.includes("flowers") || ctx.has("field");
  const parts: string[] = [];
  const count = Math.round(60 * (w / m));
  for (let i = 0; i < count; i++) {
    const x = rng.range(0, w);
    const top = heightAt(profile, x);
    const y = top + rng.next() ** 1.6 * (h - top);
    const s = m * (0.008 + 0.02 * ((y - top) / (h - top + 1)));
    parts.push(
      path(
        `M${f(x - s * 0.5)} ${f(y)}L${f(x - s * 0.2)} ${f(y - s * 1.2)}M${f(x)} ${f(y)}L${f(x + s * 0.05)} ${f(y - s * 1.6)}M${f(x + s * 0.5)} ${f(y)}L${f(x + s * 0.3)} ${f(y - s * 1.1)}`,
        {
          stroke: grass,
          strokeWidth: Math.max(1, s * 0.14),
          opacity: 0.8,
        },
      ),
    );
    if (flowers && rng.chance(0.5)) {
      const petal = rng.chance(0.5) ? pal.accent : pal.lit(hex(rng.pick(["#f4f0e6", "#f6c945", "#e8738a"])));
      parts.push(circle(x + s * 0.05, y - s * 1.7, s * 0.28, { fill: petal }));
    }
  }
  return group(parts);
}
