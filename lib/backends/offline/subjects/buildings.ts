import { darken, hex, lighten, mix, type Rgb } from "../color";
import type { Rng } from "../prng";
import type { Defs } from "../svg";
import { circle, f, group, path, rect } from "../svg";

/** Buildings and boats in local units, base on y = 0, centred on x = 0. */

export type BuildingOpts = {
  wall: Rgb;
  roof: Rgb;
  accent: Rgb;
  lamp: Rgb;
  /** 0..1: how strongly windows and lanterns glow. */
  glow: number;
  snow: boolean;
  smoke: Rgb;
  /** Beam toward this side (-1 or 1). */
  side: -1 | 1;
  defs: Defs;
  rng: Rng;
};

function windowPane(x: number, y: number, w: number, h: number, o: BuildingOpts): string {
  const pane = o.glow > 0.25 ? lighten(o.lamp, 0.15) : mix(hex("#9fc3dc"), o.wall, 0.2);
  const frame = darken(o.wall, 0.45);
  const halo =
    o.glow > 0.25
      ? circle(x + w / 2, y + h / 2, Math.max(w, h) * 1.6, { fill: o.defs.glow(o.lamp, 0.45 * o.glow) })
      : "";
  return (
    halo +
    rect(x, y, w, h, { fill: pane }) +
    path(`M${f(x + w / 2)} ${f(y)}v${f(h)}M${f(x)} ${f(y + h / 2)}h${f(w)}`, { stroke: frame, strokeWidth: 2 })
  );
}

export function house(o: BuildingOpts): string {
  const shade = darken(o.wall, 0.22);
  const parts: string[] = [];
  // Chimney and its smoke, drifting away from the viewer's eye line.
  parts.push(rect(40, -150, 18, 50, { fill: darken(o.roof, 0.2) }));
  const smoke: string[] = [];
  for (let i = 0; i < 5; i++)
    smoke.push(
      circle(49 + i * 9 + o.rng.range(-3, 3), -162 - i * 16, 7 + i * 3, { fill: o.smoke, opacity: 0.45 - i * 0.07 }),
    );
  parts.push(group(smoke));
  // Side wall in shade, front gable lit.
  parts.push(rect(-90, -90, 180, 90, { fill: o.wall }));
  parts.push(path("M20 -90L90 -90L90 0L20 0Z", { fill: shade }));
  parts.push(path("M-104 -86L-45 -150L104 -150L104 -86Z", { fill: o.roof }));
  parts.push(path("M-104 -86L-45 -150L14 -86Z", { fill: darken(o.roof, 0.18) }));
  if (o.snow) parts.push(path("M-106 -88L-45 -154L106 -154L106 -142L-40 -142L-96 -82Z", { fill: hex("#f4f7fc") }));
  parts.push(rect(-62, -54, 24, 54, { fill: darken(o.wall, 0.5) }));
  parts.push(windowPane(-26, -66, 30, 30, o), windowPane(36, -66, 30, 30, o));
  return group(parts);
}

export function lighthouse(o: BuildingOpts): string {
  const white = o.wall;
  const stripe = o.accent;
  const parts: string[] = [];
  const towerD = "M-34 0L-22 -230L22 -230L34 0Z";
  const clip = o.defs.clip(path(towerD));
  if (o.glow > 0.15) {
    // The beam: a long, fading wedge from the lantern.
    const dir = o.side;
    const fill = o.defs.linear(
      [
        [0, lighten(o.lamp, 0.3), 0.55 * o.glow + 0.1],
        [1, o.lamp, 0],
      ],
      0,
      -262,
      dir * 520,
      -262,
    );
    parts.push(path(`M0 -262L${f(dir * 560)} -330L${f(dir * 560)} -200Z`, { fill }));
    parts.push(circle(0, -262, 80, { fill: o.defs.glow(o.lamp, 0.3 + 0.4 * o.glow) }));
  }
  // Keeper's cottage at the foot.
  parts.push(rect(18, -44, 70, 44, { fill: darken(white, 0.1) }), path("M12 -44L50 -70L94 -44Z", { fill: o.roof }));
  parts.push(path(towerD, { fill: white }));
  parts.push(
    group(
      [
        rect(-40, -190, 80, 34, { fill: stripe }),
        rect(-40, -110, 80, 34, { fill: stripe }),
        rect(-40, -30, 80, 30, { fill: stripe }),
      ],
      { "clip-path": clip },
    ),
  );
  parts.push(path("M8 -230L22 -230L34 0L14 0Z", { fill: darken(white, 0.5), opacity: 0.25 }));
  parts.push(rect(-30, -240, 60, 10, { fill: darken(white, 0.6) }));
  parts.push(
    rect(-16, -278, 32, 38, { fill: o.glow > 0.15 ? lighten(o.lamp, 0.25) : mix(hex("#a8c8e0"), white, 0.2) }),
  );
  parts.push(path("M-16 -278v38M0 -278v38M16 -278v38", { stroke: darken(white, 0.6), strokeWidth: 2 }));
  parts.push(path("M-22 -278Q0 -306 22 -278Z", { fill: darken(stripe, 0.25) }));
  parts.push(rect(-2, -314, 4, 12, { fill: darken(white, 0.6) }));
  return group(parts);
}

export function castle(o: BuildingOpts): string {
  const wall = o.wall;
  const shade = darken(wall, 0.2);
  const crenel = (x0: number, x1: number, y: number) => {
    let d = "";
    for (let x = x0; x < x1 - 6; x += 16) d += `M${f(x)} ${f(y)}h10v-12h-10Z`;
    return d;
  };
  const tower = (x: number, w: number, h: number, roof: boolean) =>
    rect(x - w / 2, -h, w, h, { fill: x > 0 ? shade : wall }) +
    (roof
      ? path(`M${f(x - w / 2 - 6)} ${f(-h)}L${f(x)} ${f(-h - w * 1.3)}L${f(x + w / 2 + 6)} ${f(-h)}Z`, { fill: o.roof })
      : path(crenel(x - w / 2, x + w / 2, -h), { fill: x > 0 ? shade : wall }));
  const parts = [
    rect(-120, -90, 240, 90, { fill: wall }),
    path(crenel(-120, 120, -90), { fill: wall }),
    tower(-110, 44, 170, true),
    tower(110, 44, 150, true),
    tower(0, 70, 210, false),
    tower(34, 30, 260, true),
    path("M-18 0v-44q18 -22 36 0v44Z", { fill: darken(wall, 0.55) }),
    windowPane(-118, -130, 14, 22, o),
    windowPane(-10, -170, 16, 26, o),
    windowPane(28, -220, 12, 20, o),
    windowPane(104, -110, 14, 22, o),
    path(`M34 ${f(-260 - 39)}v-30`, { stroke: darken(wall, 0.5), strokeWidth: 2 }),
    path(`M34 ${f(-329)}l22 6l-22 6Z`, { fill: o.accent }),
  ];
  return group(parts);
}

export function boat(o: BuildingOpts): string {
  const hull = o.roof;
  const sail = lighten(o.wall, 0.2);
  return group([
    path("M-80 -20L80 -20L60 6Q0 12 -60 6Z", { fill: hull }),
    path("M-80 -20L80 -20L76 -14L-76 -14Z", { fill: lighten(hull, 0.25) }),
    path("M0 -20V-170", { stroke: darken(hull, 0.4), strokeWidth: 4 }),
    path("M4 -166Q58 -100 62 -26L4 -26Z", { fill: sail }),
    path("M-4 -150Q-40 -90 -52 -28L-4 -28Z", { fill: darken(sail, 0.1) }),
    path("M0 -170l20 5l-20 5Z", { fill: o.accent }),
  ]);
}
