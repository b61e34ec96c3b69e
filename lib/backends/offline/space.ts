import { darken, hex, lighten, mix } from "./color";
import type { Ctx } from "./context";
import { stars } from "./sky";
import { drawSubject } from "./subjects";
import type { SubjectKind } from "./scene-types";
import { heightAt, rollingProfile } from "./terrain";
import { circle, ellipse, group, path, rect, smoothD } from "./svg";

/** Outer space: a deep starfield with nebula glows, a ringed planet on a third, and a moon's surface to stand on. */
export function composeSpace(ctx: Ctx, subject: SubjectKind | null): string[] {
  const { w, h, m, pal, defs } = ctx;
  const rng = ctx.rng.fork("space");
  const out: string[] = [];
  const deep = defs.linear(
    [
      [0, darken(pal.skyTop, 0.4)],
      [1, pal.skyMid],
    ],
    0,
    0,
    0,
    h,
  );
  out.push(rect(0, 0, w, h, { fill: deep }));
  for (let i = 0; i < 4; i++) {
    const c = i % 2 ? pal.accent2 : pal.accent;
    const r = m * rng.range(0.25, 0.5);
    out.push(
      ellipse(rng.range(0, w), rng.range(0, h * 0.7), r * 1.6, r, {
        fill: defs.glow(c, 0.35),
        rotate: rng.range(-30, 30),
      }),
    );
  }
  // Stars over the whole frame: the starfield helper covers the sky above the horizon.
  out.push(stars({ ...ctx, horizon: h * 1.05, scene: { ...ctx.scene, time: "night" } }));

  const px = ctx.sunX;
  const py = h * rng.range(0.25, 0.38);
  const pr = m * rng.range(0.12, 0.2);
  const planet = mix(pal.accent, hex("#c98a5a"), 0.5);
  const body = defs.radial(
    [
      [0, lighten(planet, 0.25)],
      [0.7, planet],
      [1, darken(planet, 0.55)],
    ],
    px - pr * 0.35,
    py - pr * 0.35,
    pr * 1.5,
  );
  const tilt = rng.range(-25, -8);
  out.push(circle(px, py, pr * 1.6, { fill: defs.glow(planet, 0.3) }));
  // The ring's far half behind the planet, its near half in front.
  const ringColor = lighten(planet, 0.35);
  out.push(
    group(
      path(
        `M${(px - pr * 2).toFixed(1)} ${py.toFixed(1)}A${(pr * 2).toFixed(1)} ${(pr * 0.45).toFixed(1)} 0 0 1 ${(px + pr * 2).toFixed(1)} ${py.toFixed(1)}`,
        { stroke: ringColor, strokeWidth: pr * 0.12, opacity: 0.7 },
      ),
      {
        transform: `rotate(${tilt.toFixed(1)} ${px.toFixed(1)} ${py.toFixed(1)})`,
      },
    ),
  );
  out.push(circle(px, py, pr, { fill: body }));
  out.push(
    group(
      path(
        `M${(px - pr * 2).toFixed(1)} ${py.toFixed(1)}A${(pr * 2).toFixed(1)} ${(pr * 0.45).toFixed(1)} 0 0 0 ${(px + pr * 2).toFixed(1)} ${py.toFixed(1)}`,
        { stroke: ringColor, strokeWidth: pr * 0.12, opacity: 0.85 },
      ),
      {
        transform: `rotate(${tilt.toFixed(1)} ${px.toFixed(1)} ${py.toFixed(1)})`,
      },
    ),
  );
  out.push(circle(ctx.focusX + ctx.side * m * 0.1, h * 0.16, m * 0.025, { fill: lighten(pal.sun, 0.1) }));

  // A grey, cratered ground in the foreground.
  const baseY = h * rng.range(0.78, 0.84);
  const profile = rollingProfile(rng, { x0: -w * 0.05, x1: w * 1.05, baseY, amplitude: m * 0.04, waves: 2 });
  const rock = hex("#8a8c96");
  const ground = defs.linear(
    [
      [0, mix(rock, pal.skyMid, 0.2)],
      [1, darken(rock, 0.6)],
    ],
    0,
    baseY,
    0,
    h,
  );
  out.push(path(smoothD(profile, { bottom: h }), { fill: ground }));
  for (let i = 0; i < 9; i++) {
    const cx = rng.range(0, w);
    const cy = heightAt(profile, cx) + rng.range(0.15, 0.9) * (h - baseY);
    const rx = m * rng.range(0.02, 0.06);
    out.push(
      ellipse(cx, cy, rx, rx * 0.28, { fill: darken(rock, 0.5), opacity: 0.6 }),
      ellipse(cx, cy - rx * 0.06, rx * 0.8, rx * 0.2, { fill: darken(rock, 0.3), opacity: 0.6 }),
    );
  }
  if (subject) out.push(drawSubject(ctx, subject, ctx.focusX, heightAt(profile, ctx.focusX) + m * 0.01));
  return out;
}
