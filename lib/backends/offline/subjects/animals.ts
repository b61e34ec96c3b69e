import { darken, hex, lighten, mix, type Rgb } from "../color";
import type { SubjectKind } from "../scene-types";
import { circle, ellipse, f, group, path } from "../svg";

/**
 * Animal silhouettes in local units: about 200 long, feet on y = 0, facing +x.
 * Built from a few primitives, so one parametric quadruped covers most animals.
 */

type Ears = "pointed" | "round" | "floppy";
type Tail = "bushy" | "down" | "short" | "flowing" | "up";
type Quadruped = {
  bodyLen: number;
  bodyH: number;
  legLen: number;
  legW: number;
  neckUp: number;
  headR: number;
  snout: number;
  ears: Ears;
  tail: Tail;
  antlers?: boolean;
  mane?: boolean;
  horn?: boolean;
  hump?: boolean;
  /** Lighter chest and tail tip (foxes). */
  tip?: boolean;
  darkLegs?: boolean;
};

const SPECIES: Partial<Record<SubjectKind, Quadruped>> = {
  fox: {
    bodyLen: 110,
    bodyH: 38,
    legLen: 42,
    legW: 7,
    neckUp: 30,
    headR: 15,
    snout: 24,
    ears: "pointed",
    tail: "bushy",
    tip: true,
    darkLegs: true,
  },
  dog: { bodyLen: 110, bodyH: 44, legLen: 46, legW: 9, neckUp: 32, headR: 17, snout: 16, ears: "floppy", tail: "up" },
  wolf: {
    bodyLen: 130,
    bodyH: 46,
    legLen: 54,
    legW: 9,
    neckUp: 28,
    headR: 17,
    snout: 24,
    ears: "pointed",
    tail: "down",
  },
  deer: {
    bodyLen: 120,
    bodyH: 44,
    legLen: 70,
    legW: 6,
    neckUp: 58,
    headR: 14,
    snout: 18,
    ears: "pointed",
    tail: "short",
    antlers: true,
  },
  horse: {
    bodyLen: 140,
    bodyH: 54,
    legLen: 74,
    legW: 9,
    neckUp: 56,
    headR: 15,
    snout: 30,
    ears: "pointed",
    tail: "flowing",
    mane: true,
  },
  cat: { bodyLen: 90, bodyH: 34, legLen: 36, legW: 8, neckUp: 18, headR: 16, snout: 8, ears: "pointed", tail: "up" },
  bear: {
    bodyLen: 140,
    bodyH: 66,
    legLen: 38,
    legW: 16,
    neckUp: 10,
    headR: 22,
    snout: 14,
    ears: "round",
    tail: "short",
    hump: true,
  },
};

function quadruped(q: Quadruped, body: Rgb, extra: { unicorn: boolean }): string {
  const legTop = -q.legLen;
  const cy = legTop - q.bodyH * 0.35;
  const half = q.bodyLen / 2;
  const dark = darken(body, 0.35);
  const legColor = q.darkLegs ? darken(body, 0.55) : darken(body, 0.12);
  const light = lighten(body, 0.65);
  const parts: string[] = [];

  // Far legs first, a shade darker, so the near pair reads in front.
  const legs = (xs: number[], color: Rgb) =>
    xs.map((x) =>
      path(
        `M${f(x - q.legW / 2)} ${f(cy)}L${f(x - q.legW * 0.35)} 0h${f(q.legW * 0.9)}L${f(x + q.legW / 2)} ${f(cy)}Z`,
        { fill: color },
      ),
    );
  parts.push(...legs([-half * 0.62, half * 0.52], darken(legColor, 0.15)));

  // Tail
  const tx = -half * 0.92;
  const ty = cy - q.bodyH * 0.15;
  if (q.tail === "bushy") {
    parts.push(
      path(
        `M${f(tx + 8)} ${f(ty - 6)}C${f(tx - 30)} ${f(ty - 26)} ${f(tx - 78)} ${f(ty - 6)} ${f(tx - 82)} ${f(ty + 28)}C${f(tx - 60)} ${f(ty + 16)} ${f(tx - 30)} ${f(ty + 18)} ${f(tx + 6)} ${f(ty + 10)}Z`,
        { fill: body },
      ),
    );
    if (q.tip) parts.push(ellipse(tx - 76, ty + 22, 10, 7, { fill: light, rotate: -40 }));
  } else if (q.tail === "down") {
    parts.push(
      path(
        `M${f(tx + 6)} ${f(ty - 4)}C${f(tx - 26)} ${f(ty)} ${f(tx - 40)} ${f(ty + 30)} ${f(tx - 40)} ${f(ty + 48)}C${f(tx - 28)} ${f(ty + 36)} ${f(tx - 14)} ${f(ty + 18)} ${f(tx + 6)} ${f(ty + 10)}Z`,
        { fill: body },
      ),
    );
  } else if (q.tail === "flowing") {
    parts.push(
      path(
        `M${f(tx + 6)} ${f(ty - 6)}C${f(tx - 30)} ${f(ty)} ${f(tx - 34)} ${f(ty + 40)} ${f(tx - 22)} ${f(ty + 70)}C${f(tx - 12)} ${f(ty + 40)} ${f(tx - 4)} ${f(ty + 20)} ${f(tx + 8)} ${f(ty + 8)}Z`,
        { fill: dark },
      ),
    );
  } else if (q.tail === "up") {
    parts.push(
      path(`M${f(tx + 6)} ${f(ty)}Q${f(tx - 22)} ${f(ty - 10)} ${f(tx - 16)} ${f(ty - 40)}`, {
        stroke: body,
        strokeWidth: 8,
      }),
    );
  } else {
    parts.push(ellipse(tx, ty, 8, 6, { fill: body }));
  }

  // Body, with a hump for bears.
  parts.push(ellipse(0, cy, half, q.bodyH / 2, { fill: body }));
  if (q.hump) parts.push(ellipse(half * 0.3, cy - q.bodyH * 0.35, half * 0.45, q.bodyH * 0.35, { fill: body }));
  parts.push(...legs([-half * 0.45, half * 0.7], legColor));

  // Neck up to the head.
  const hx = half * 0.95 + q.headR * 0.4;
  const hy = cy - q.bodyH * 0.3 - q.neckUp;
  parts.push(
    path(
      `M${f(half * 0.45)} ${f(cy - q.bodyH * 0.42)}L${f(hx - q.headR * 0.6)} ${f(hy - q.headR * 0.4)}L${f(hx + q.headR * 0.4)} ${f(hy + q.headR * 0.3)}L${f(half * 0.95)} ${f(cy + q.bodyH * 0.2)}Z`,
      { fill: body },
    ),
  );
  if (q.tip)
    parts.push(
      path(
        `M${f(half * 0.75)} ${f(cy - q.bodyH * 0.1)}L${f(hx)} ${f(hy + q.headR * 0.5)}L${f(half * 0.98)} ${f(cy + q.bodyH * 0.3)}Z`,
        { fill: light, opacity: 0.9 },
      ),
    );
  if (q.mane)
    parts.push(
      path(
        `M${f(half * 0.4)} ${f(cy - q.bodyH * 0.45)}Q${f(hx - q.headR * 1.4)} ${f(hy + q.headR * 0.2)} ${f(hx - q.headR * 0.5)} ${f(hy - q.headR * 0.9)}L${f(hx - q.headR * 0.2)} ${f(hy - q.headR * 0.2)}Z`,
        { fill: dark },
      ),
    );

  // Ears behind the head.
  const ear = (dx: number) => {
    const ex = hx + dx;
    if (q.ears === "pointed")
      return path(
        `M${f(ex - 6)} ${f(hy - q.headR * 0.5)}L${f(ex)} ${f(hy - q.headR * 1.9)}L${f(ex + 7)} ${f(hy - q.headR * 0.6)}Z`,
        { fill: dx < 0 ? dark : body },
      );
    if (q.ears === "round") return circle(ex, hy - q.headR * 0.85, q.headR * 0.35, { fill: body });
    return ellipse(ex - 4, hy - q.headR * 0.1, q.headR * 0.3, q.headR * 0.65, { fill: dark, rotate: 20 });
  };
  parts.push(ear(-q.headR * 0.55), ear(q.headR * 0.05));

  // Head and snout.
  parts.push(ellipse(hx, hy, q.headR, q.headR * 0.85, { fill: body }));
  parts.push(
    path(
      `M${f(hx + q.headR * 0.3)} ${f(hy - q.headR * 0.55)}L${f(hx + q.headR * 0.6 + q.snout)} ${f(hy + q.headR * 0.15)}L${f(hx + q.headR * 0.2)} ${f(hy + q.headR * 0.7)}Z`,
      { fill: body },
    ),
  );
  if (q.tip)
    parts.push(
      path(
        `M${f(hx + q.headR * 0.3)} ${f(hy + q.headR * 0.1)}L${f(hx + q.headR * 0.6 + q.snout)} ${f(hy + q.headR * 0.15)}L${f(hx + q.headR * 0.2)} ${f(hy + q.headR * 0.7)}Z`,
        { fill: light },
      ),
    );
  parts.push(circle(hx + q.headR * 0.6 + q.snout, hy + q.headR * 0.12, 2.6, { fill: darken(body, 0.8) }));
  parts.push(circle(hx + q.headR * 0.35, hy - q.headR * 0.2, 2, { fill: darken(body, 0.8) }));

  if (q.antlers) {
    const ax = hx - q.headR * 0.2;
    const ay = hy - q.headR * 0.8;
    parts.push(
      path(
        `M${f(ax)} ${f(ay)}q-6 -20 -22 -34M${f(ax - 10)} ${f(ay - 18)}l-16 -4M${f(ax - 16)} ${f(ay - 27)}l-4 -14M${f(ax + 6)} ${f(ay)}q4 -22 18 -34M${f(ax + 13)} ${f(ay - 20)}l14 -6M${f(ax + 19)} ${f(ay - 28)}l2 -14`,
        { stroke: mix(dark, hex("#d8c8a8"), 0.4), strokeWidth: 3.5 },
      ),
    );
  }
  if (extra.unicorn)
    parts.push(
      path(
        `M${f(hx + 2)} ${f(hy - q.headR * 0.8)}L${f(hx + 14)} ${f(hy - q.headR * 3)}L${f(hx + 8)} ${f(hy - q.headR * 0.7)}Z`,
        { fill: hex("#f5d98a") },
      ),
    );
  return group(parts);
}

/** A fox (or any small furred animal) asleep: a round body wrapped in its own tail. */
function curled(body: Rgb, tipped: boolean): string {
  const light = lighten(body, 0.65);
  const dark = darken(body, 0.35);
  return group([
    // Thin darker outlines keep the curled shapes apart when the light is low.
    ellipse(0, -30, 64, 30, { fill: body, stroke: dark, strokeWidth: 2 }),
    ellipse(-10, -44, 42, 14, { fill: lighten(body, 0.1), opacity: 0.6 }),
    // Ears, then the head resting on the tail.
    path("M36 -52L40 -74L50 -56ZM50 -54L60 -72L62 -50Z", { fill: dark }),
    ellipse(48, -40, 21, 15, { fill: body, rotate: 12, stroke: dark, strokeWidth: 2 }),
    path("M56 -32L82 -24L58 -26Z", { fill: tipped ? light : body }),
    path("M44 -42q5 3 10 0", { stroke: darken(body, 0.7), strokeWidth: 2 }),
    // The tail sweeps round the front and ends under the chin.
    path("M-62 -36C-82 -4 -26 6 34 0C58 -2 80 -6 90 -16C80 -24 58 -20 36 -18C-10 -14 -46 -16 -54 -44Z", {
      fill: darken(body, 0.08),
      stroke: dark,
      strokeWidth: 2,
    }),
    path("M-58 -30C-60 -12 -20 -2 30 -6", { stroke: dark, strokeWidth: 2, opacity: 0.45 }),
    tipped ? ellipse(84, -14, 11, 7, { fill: light, rotate: -10 }) : "",
  ]);
}

/** A cat sitting upright, tail around its feet; its eyes catch the light. */
function sittingCat(body: Rgb, eyes: Rgb): string {
  const dark = darken(body, 0.3);
  return group([
    path("M-34 0C-44 -40 -28 -78 4 -84C32 -80 42 -42 32 0Z", { fill: body }),
    path("M26 -4C56 -2 70 -18 58 -36", { stroke: body, strokeWidth: 9 }),
    path("M-14 -104L-12 -130L4 -114ZM8 -114L22 -130L24 -104Z", { fill: dark }),
    circle(6, -98, 22, { fill: body }),
    ellipse(-2, -100, 3, 4, { fill: eyes }),
    ellipse(14, -100, 3, 4, { fill: eyes }),
    path("M-20 0C-18 -22 -6 -30 -4 -40", { stroke: dark, strokeWidth: 2.5, opacity: 0.5 }),
  ]);
}

function bird(body: Rgb, pose: "flying" | "perched"): string {
  const dark = darken(body, 0.3);
  if (pose === "flying") {
    return group([
      path("M-70 -60C-40 -90 -10 -70 0 -50C10 -70 40 -96 76 -70C40 -66 16 -46 6 -36L-6 -36C-16 -46 -40 -58 -70 -60Z", {
        fill: body,
      }),
      ellipse(0, -40, 10, 18, { fill: dark }),
      circle(0, -58, 6, { fill: dark }),
    ]);
  }
  return group([
    path("M-40 -30L-64 -12L-36 -18Z", { fill: dark }),
    ellipse(-6, -34, 36, 24, { fill: body, rotate: -15 }),
    circle(22, -62, 16, { fill: body }),
    path("M36 -64L52 -58L36 -54Z", { fill: hex("#e0a23a") }),
    circle(27, -66, 2.5, { fill: hex("#101010") }),
    path("M-10 -10l-4 10M4 -10l4 10", { stroke: dark, strokeWidth: 3 }),
  ]);
}

export type AnimalOpts = {
  kind: SubjectKind;
  pose: "standing" | "sitting" | "curled" | "flying";
  body: Rgb;
  eyes: Rgb;
  unicorn: boolean;
};

/** The silhouette for an animal subject, or undefined when the kind is not an animal. */
export function animal(o: AnimalOpts): string | undefined {
  if (o.kind === "cat" && o.pose === "curled") return curled(o.body, false);
  if (o.kind === "cat" && o.pose !== "standing") return sittingCat(o.body, o.eyes);
  if (o.kind === "bird") return bird(o.body, o.pose === "flying" ? "flying" : "perched");
  const species = SPECIES[o.kind];
  if (!species) return undefined;
  if (o.pose === "curled" && (o.kind === "fox" || o.kind === "dog" || o.kind === "wolf"))
    return curled(o.body, o.kind === "fox");
  return quadruped(species, o.body, { unicorn: o.unicorn });
}
