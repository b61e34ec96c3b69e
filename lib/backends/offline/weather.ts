import { lighten, mix } from "./color";
import type { Ctx } from "./context";
import { circle, ellipse, f, group, path, rect } from "./svg";

/** Weather drawn over the scene: snowfall, rain streaks, fog veils and lightning. */

export function snowfall(ctx: Ctx): string {
  if (!ctx.weather("snow")) return "";
  const { w, h, m } = ctx;
  const rng = ctx.rng.fork("snowfall");
  const flake = lighten(ctx.pal.fog, 0.7);
  const count = Math.round((260 * (w * h)) / (m * m));
  let near = "";
  const far: string[] = [];
  for (let i = 0; i < count; i++) {
    const x = rng.range(0, w);
    const y = rng.range(0, h);
    const depth = rng.next();
    const r = m * (0.0012 + 0.0045 * depth ** 2);
    if (depth > 0.85)
      near += `M${f(x - r)} ${f(y)}a${f(r)} ${f(r)} 0 1 0 ${f(2 * r)} 0a${f(r)} ${f(r)} 0 1 0 ${f(-2 * r)} 0Z`;
    else far.push(circle(x, y, r, { fill: flake, opacity: 0.45 + 0.45 * depth }));
  }
  return group(far) + (near ? path(near, { fill: flake, opacity: 0.75 }) : "");
}

export function rain(ctx: Ctx): string {
  if (!ctx.weather("rain") && !ctx.weather("storm")) return "";
  const { w, h, m } = ctx;
  const rng = ctx.rng.fork("rain");
  const color = lighten(mix(ctx.pal.fog, ctx.pal.skyHorizon, 0.5), 0.35);
  const slant = rng.range(-0.25, 0.05);
  const count = Math.round(((ctx.weather("storm") ? 420 : 300) * (w * h)) / (m * m));
  let thin = "";
  let bold = "";
  for (let i = 0; i < count; i++) {
    const x = rng.range(-0.1, 1.1) * w;
    const y = rng.range(-0.05, 1) * h;
    const near = rng.next();
    const len = m * (0.02 + 0.05 * near);
    const seg = `M${f(x)} ${f(y)}l${f(len * slant)} ${f(len)}`;
    if (near > 0.8) bold += seg;
    else thin += seg;
  }
  return (
    path(thin, { stroke: color, strokeWidth: Math.max(1, m * 0.0012), opacity: 0.35 }) +
    path(bold, { stroke: color, strokeWidth: Math.max(1, m * 0.0022), opacity: 0.5 })
  );
}

/** Splashes and ripples on the ground in rain: small ellipses low in the frame. */
export function puddleRipples(ctx: Ctx, top: number): string {
  if (!ctx.weather("rain") && !ctx.weather("storm")) return "";
  const { w, h, m } = ctx;
  const rng = ctx.rng.fork("ripples");
  const color = lighten(ctx.pal.fog, 0.4);
  let d = "";
  for (let i = 0; i < 40; i++) {
    const t = rng.next();
    const y = top + (h - top) * t;
    const rx = m * (0.006 + 0.02 * t);
    const x = rng.range(0, w);
    d += `M${f(x - rx)} ${f(y)}a${f(rx)} ${f(rx * 0.3)} 0 1 0 ${f(2 * rx)} 0a${f(rx)} ${f(rx * 0.3)} 0 1 0 ${f(-2 * rx)} 0`;
  }
  return path(d, { stroke: color, strokeWidth: Math.max(1, m * 0.0015), opacity: 0.3 });
}

/**
 * A fog veil: a band that is densest at `y` and fades above and below. Several
 * veils between depth layers give atmosphere without any blur filter.
 */
export function fogVeil(ctx: Ctx, y: number, thickness: number, strength: number): string {
  const { w, defs, pal } = ctx;
  const fill = defs.linear(
    [
      [0, pal.fog, 0],
      [0.5, pal.fog, strength],
      [1, pal.fog, 0],
    ],
    0,
    y - thickness / 2,
    0,
    y + thickness / 2,
  );
  return rect(0, y - thickness / 2, w, thickness, { fill });
}

/** Soft drifting fog banks: wide flattened ellipses with low opacity. */
export function fogBanks(ctx: Ctx, y: number): string {
  const { w, m, pal } = ctx;
  const rng = ctx.rng.fork(`banks${Math.round(y)}`);
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) {
    const cx = rng.range(-0.1, 1.1) * w;
    const rx = m * rng.range(0.25, 0.5);
    const ry = m * rng.range(0.02, 0.05);
    parts.push(ellipse(cx, y + rng.range(-1, 1) * m * 0.04, rx, ry, { fill: pal.fog, opacity: 0.28 }));
  }
  return group(parts);
}

export function lightning(ctx: Ctx): string {
  if (!ctx.weather("storm")) return "";
  const rng = ctx.rng.fork("lightning");
  if (!rng.chance(0.7)) return "";
  const { w, horizon, m } = ctx;
  let x = ctx.sunX + rng.range(-0.15, 0.15) * w;
  let y = horizon * 0.12;
  let d = `M${f(x)} ${f(y)}`;
  while (y < horizon * 0.92) {
    x += rng.range(-1, 1) * m * 0.04;
    y += m * rng.range(0.03, 0.06);
    d += `L${f(x)} ${f(y)}`;
  }
  const bolt = lighten(ctx.pal.sun, 0.5);
  return (
    path(d, { stroke: ctx.pal.glow, strokeWidth: m * 0.012, opacity: 0.25 }) +
    path(d, { stroke: bolt, strokeWidth: Math.max(1.5, m * 0.003) })
  );
}
