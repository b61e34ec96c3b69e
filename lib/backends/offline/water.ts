import { lighten, mix } from "./color";
import type { Ctx } from "./context";
import { f, group, path, rect } from "./svg";

/**
 * Open water below the horizon: a gradient, the sun's or moon's glitter path,
 * wave strokes, and (for calm water) a mirrored copy of what stands behind it.
 */
export function water(ctx: Ctx, opts: { top: number; reflect?: string; calm: boolean }): string {
  const { w, h, m, pal, defs } = ctx;
  const rng = ctx.rng.fork("water");
  const top = opts.top;
  const near = mix(pal.skyHorizon, pal.water, 0.45);
  const fill = defs.linear(
    [
      [0, near],
      [0.35, pal.water],
      [1, pal.waterDeep],
    ],
    0,
    top,
    0,
    h,
  );
  const parts = [rect(0, top, w, h - top, { fill })];

  if (opts.reflect) {
    const clip = defs.clip(rect(0, top, w, h - top));
    parts.push(
      group(group(opts.reflect, { transform: `matrix(1 0 0 -1 0 ${f(2 * top)})` }), {
        "clip-path": clip,
        opacity: opts.calm ? 0.38 : 0.2,
      }),
    );
    // Fade the reflection out toward the viewer.
    const fade = defs.linear(
      [
        [0, pal.water, 0],
        [1, pal.waterDeep, 0.9],
      ],
      0,
      top,
      0,
      h,
    );
    parts.push(rect(0, top, w, h - top, { fill: fade }));
  }

  // The glitter path under the sun or moon, widening toward the viewer.
  if (pal.celestial !== "none") {
    const glint = lighten(pal.sun, 0.2);
    let d = "";
    const rows = 34;
    for (let i = 0; i < rows; i++) {
      const t = (i + rng.next() * 0.8) / rows;
      const y = top + (h - top) * t ** 1.6;
      const spread = m * (0.01 + 0.14 * t);
      const len = m * (0.01 + 0.05 * t) * rng.range(0.4, 1.2);
      const x = ctx.sunX + rng.range(-1, 1) * spread;
      const thick = Math.max(1, m * 0.0025 * (0.5 + t));
      d += `M${f(x - len / 2)} ${f(y)}h${f(len)}v${f(thick)}h${f(-len)}Z`;
    }
    parts.push(path(d, { fill: glint, opacity: pal.celestial === "moon" ? 0.55 : 0.75 }));
  }

  // Waves: short strokes, larger and further apart toward the viewer.
  const stormy = ctx.weather("storm");
  const crest = lighten(pal.water, stormy ? 0.55 : 0.3);
  let waves = "";
  const count = Math.round((opts.calm ? 40 : stormy ? 140 : 90) * (w / m));
  for (let i = 0; i < count; i++) {
    const t = rng.next();
    const y = top + (h - top) * t ** 1.5;
    const x = rng.range(-0.05, 1.05) * w;
    const len = m * (0.008 + (opts.calm ? 0.05 : 0.06) * t) * rng.range(0.5, 1.4);
    const lift = len * (stormy ? 0.28 : 0.12);
    waves += `M${f(x)} ${f(y)}q${f(len / 2)} ${f(-lift)} ${f(len)} 0`;
  }
  parts.push(
    path(waves, {
      stroke: crest,
      strokeWidth: Math.max(1, m * (stormy ? 0.0035 : 0.0022)),
      opacity: opts.calm ? 0.35 : 0.55,
    }),
  );
  return group(parts);
}
