import { darken, lighten, type Rgb } from "../color";
import type { Rng } from "../prng";
import type { Defs } from "../svg";
import { circle, ellipse, f, group, path, rect } from "../svg";

/** A focal form for prompts with no drawable subject: an orb, a monolith or an arch, in local units (~200 tall). */
export function abstractForm(o: { color: Rgb; ground: Rgb; defs: Defs; rng: Rng }): string {
  const kind = o.rng.int(0, 2);
  const light = lighten(o.color, 0.45);
  if (kind === 0) {
    const glow = o.defs.radial(
      [
        [0, o.color, 0.55],
        [1, o.color, 0],
      ],
      0,
      -120,
      150,
    );
    const body = o.defs.radial(
      [
        [0, light],
        [0.6, o.color],
        [1, darken(o.color, 0.35)],
      ],
      -16,
      -140,
      80,
    );
    return group([
      circle(0, -120, 150, { fill: glow }),
      ellipse(0, -4, 50, 8, { fill: darken(o.ground, 0.4), opacity: 0.35 }),
      circle(0, -120, 56, { fill: body }),
      ellipse(0, -120, 96, 20, { stroke: light, strokeWidth: 3, opacity: 0.7, rotate: -14 }),
    ]);
  }
  if (kind === 1) {
    const face = o.defs.linear(
      [
        [0, darken(o.color, 0.55)],
        [1, darken(o.color, 0.8)],
      ],
      0,
      -220,
      0,
      0,
    );
    return group([
      ellipse(10, -2, 70, 10, { fill: darken(o.ground, 0.45), opacity: 0.35 }),
      rect(-30, -230, 60, 230, { fill: face }),
      path("M30 -230L42 -222L42 0L30 0Z", { fill: darken(o.color, 0.85) }),
      path(`M-30 -230L30 -230`, { stroke: light, strokeWidth: 3, opacity: 0.8 }),
      circle(0, -160, 6, { fill: light }),
      circle(0, -160, 22, { fill: o.color, opacity: 0.3 }),
    ]);
  }
  const inner = o.defs.radial(
    [
      [0, light, 0.9],
      [1, o.color, 0.1],
    ],
    0,
    -110,
    90,
  );
  return group([
    ellipse(0, -2, 100, 12, { fill: darken(o.ground, 0.45), opacity: 0.35 }),
    path(`M-86 0V-110A86 86 0 0 1 86 -110V0H60V-110A60 60 0 0 0 -60 -110V0Z`, { fill: darken(o.color, 0.45) }),
    path(`M-60 0V-110A60 60 0 0 1 60 -110V0Z`, { fill: inner }),
    path(`M-86 ${f(-110)}A86 86 0 0 1 86 -110`, { stroke: light, strokeWidth: 2, opacity: 0.6 }),
  ]);
}
