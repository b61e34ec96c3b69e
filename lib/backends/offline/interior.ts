import { darken, hex, lighten, mix, type Rgb } from "./color";
import { composeLandscape } from "./compose-landscape";
import type { Ctx } from "./context";
import type { Rng } from "./prng";
import type { Setting, SubjectKind } from "./scene-types";
import { drawSubject } from "./subjects";
import { circle, ellipse, f, group, path, polygonD, rect } from "./svg";

/**
 * A room: a wall with a window onto the prompt's outdoors (drawn by the landscape
 * composer into the window's own viewport), a floor, an armchair under a lamp, a
 * bookshelf or a picture, a plant, and the subject on the rug.
 */

function windowView(ctx: Ctx, x: number, y: number, ww: number, wh: number): string {
  const settings = ctx.scene.settings.filter((s): s is Setting => s !== "interior");
  const outdoors: Setting[] = settings.length ? settings : ["field", "forest"];
  const sub: Ctx = {
    ...ctx,
    w: ww,
    h: wh,
    m: Math.min(ww, wh),
    horizon: wh * 0.66,
    focusX: ww * 0.5,
    sunX: ww * (ctx.side === -1 ? 0.35 : 0.65),
    sunY: wh * 0.66 - ctx.pal.sunHeight * wh * 0.5 - wh * 0.08,
    rng: ctx.rng.fork("window-view"),
    has: (s) => outdoors.includes(s),
  };
  const body = composeLandscape(sub, null).join("");
  return `<svg x="${f(x)}" y="${f(y)}" width="${f(ww)}" height="${f(wh)}" viewBox="0 0 ${f(ww)} ${f(wh)}" overflow="hidden">${body}</svg>`;
}

function curtain(x: number, top: number, width: number, height: number, color: Rgb, dir: -1 | 1): string {
  // Gathered toward the outside edge halfway down, falling straight below the tie.
  const tie = top + height * 0.55;
  const outer = x;
  const inner = x + dir * width;
  const d = `M${f(outer)} ${f(top)}L${f(inner)} ${f(top)}Q${f(inner - dir * width * 0.1)} ${f(tie - height * 0.2)} ${f(outer + dir * width * 0.35)} ${f(tie)}Q${f(outer + dir * width * 0.65)} ${f(tie + height * 0.25)} ${f(outer + dir * width * 0.75)} ${f(top + height)}L${f(outer)} ${f(top + height)}Z`;
  const folds = `M${f(outer + dir * width * 0.25)} ${f(top)}Q${f(outer + dir * width * 0.2)} ${f(tie)} ${f(outer + dir * width * 0.3)} ${f(top + height)}M${f(outer + dir * width * 0.5)} ${f(top)}Q${f(outer + dir * width * 0.3)} ${f(tie)} ${f(outer + dir * width * 0.55)} ${f(top + height)}`;
  return (
    path(d, { fill: color }) + path(folds, { stroke: darken(color, 0.2), strokeWidth: width * 0.06, opacity: 0.6 })
  );
}

function bookshelf(x: number, top: number, width: number, bottom: number, wood: Rgb, hues: Rgb[], rng: Rng): string {
  const parts = [rect(x, top, width, bottom - top, { fill: darken(wood, 0.1) })];
  const rows = 4;
  const rowH = (bottom - top) / rows;
  const inset = width * 0.05;
  parts.push(rect(x + inset, top + inset, width - inset * 2, bottom - top - inset * 2, { fill: darken(wood, 0.45) }));
  let books = "";
  const spines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const shelfY = top + rowH * (r + 1) - inset * 0.5;
    let bx = x + inset * 1.4;
    while (bx < x + width - inset * 3) {
      const bw = width * rng.range(0.035, 0.07);
      const bh = rowH * rng.range(0.55, 0.85);
      if (bx + bw > x + width - inset * 1.4) break;
      if (rng.chance(0.1)) {
        bx += bw * 1.5;
        continue;
      }
      spines.push(rect(bx, shelfY - bh, bw, bh, { fill: rng.pick(hues) }));
      if (rng.chance(0.5)) books += `M${f(bx + bw * 0.2)} ${f(shelfY - bh * 0.8)}h${f(bw * 0.6)}`;
      bx += bw + width * 0.004;
    }
    parts.push(rect(x + inset, shelfY, width - inset * 2, inset * 0.7, { fill: wood }));
  }
  parts.push(...spines, path(books, { stroke: "#f3e6c8", strokeWidth: Math.max(1, width * 0.006), opacity: 0.45 }));
  return group(parts);
}

function armchair(cx: number, floorY: number, s: number, color: Rgb): string {
  const dark = darken(color, 0.22);
  const light = lighten(color, 0.1);
  return group([
    rect(cx - s * 0.46, floorY - s * 0.1, s * 0.06, s * 0.1, { fill: darken(color, 0.6) }),
    rect(cx + s * 0.4, floorY - s * 0.1, s * 0.06, s * 0.1, { fill: darken(color, 0.6) }),
    rect(cx - s * 0.42, floorY - s * 1.05, s * 0.84, s * 0.75, { fill: dark, rx: s * 0.14 }),
    rect(cx - s * 0.44, floorY - s * 0.46, s * 0.88, s * 0.36, { fill: color, rx: s * 0.06 }),
    rect(cx - s * 0.36, floorY - s * 0.56, s * 0.72, s * 0.16, { fill: light, rx: s * 0.06 }),
    rect(cx - s * 0.56, floorY - s * 0.68, s * 0.2, s * 0.58, { fill: color, rx: s * 0.09 }),
    rect(cx + s * 0.36, floorY - s * 0.68, s * 0.2, s * 0.58, { fill: color, rx: s * 0.09 }),
  ]);
}

function plant(x: number, floorY: number, s: number, leaf: Rgb, pot: Rgb, rng: Rng): string {
  const parts = [
    path(`M${f(x - s * 0.2)} ${f(floorY - s * 0.35)}h${f(s * 0.4)}l${f(-s * 0.05)} ${f(s * 0.35)}h${f(-s * 0.3)}Z`, {
      fill: pot,
    }),
  ];
  for (let i = 0; i < 7; i++) {
    const a = -90 + rng.range(-60, 60);
    const len = s * rng.range(0.35, 0.6);
    const rad = (a * Math.PI) / 180;
    parts.push(
      ellipse(x + Math.cos(rad) * len * 0.5, floorY - s * 0.35 + Math.sin(rad) * len * 0.5, len * 0.5, s * 0.08, {
        fill: i % 2 ? leaf : darken(leaf, 0.15),
        rotate: a,
      }),
    );
  }
  return group(parts);
}

/** A fireplace: a stone surround, a dark opening, layered flames and their glow. */
function fireplace(ctx: Ctx, cx: number, floorY: number, width: number): string {
  const { m, pal, defs } = ctx;
  const rng = ctx.rng.fork("fire");
  const height = width * 0.85;
  const stone = pal.lit(hex("#8a7f78"));
  const opening = width * 0.56;
  const parts = [
    rect(cx - width / 2, floorY - height, width, height, { fill: stone }),
    rect(cx - width * 0.58, floorY - height - m * 0.02, width * 1.16, m * 0.03, { fill: darken(stone, 0.25) }),
    path(
      `M${f(cx - opening / 2)} ${f(floorY)}V${f(floorY - height * 0.5)}Q${f(cx)} ${f(floorY - height * 0.72)} ${f(cx + opening / 2)} ${f(floorY - height * 0.5)}V${f(floorY)}Z`,
      {
        fill: darken(stone, 0.75),
      },
    ),
  ];
  parts.push(circle(cx, floorY - height * 0.2, width * 0.9, { fill: defs.glow(pal.lamp, 0.45) }));
  const flame = (w: number, h: number, color: Rgb, dx: number) =>
    path(
      `M${f(cx + dx - w / 2)} ${f(floorY - m * 0.01)}Q${f(cx + dx - w / 2)} ${f(floorY - h * 0.5)} ${f(cx + dx)} ${f(floorY - h)}Q${f(cx + dx + w / 2)} ${f(floorY - h * 0.5)} ${f(cx + dx + w / 2)} ${f(floorY - m * 0.01)}Z`,
      { fill: color },
    );
  for (let i = 0; i < 3; i++) {
    const dx = (i - 1) * opening * 0.22 + rng.range(-1, 1) * m * 0.005;
    parts.push(flame(opening * 0.32, height * rng.range(0.32, 0.45), hex("#e8642c"), dx));
    parts.push(flame(opening * 0.2, height * rng.range(0.2, 0.3), hex("#ffc04a"), dx));
  }
  parts.push(
    rect(cx - opening * 0.4, floorY - m * 0.018, opening * 0.8, m * 0.014, { fill: hex("#4a2e22"), rx: m * 0.006 }),
  );
  return group(parts);
}

export function composeInterior(ctx: Ctx, subject: SubjectKind | null): string[] {
  const { w, h, m, pal, defs } = ctx;
  const rng = ctx.rng.fork("room");
  const floorY = h * rng.pick([0.68, 0.72, 0.76]);
  const dark = pal.darkness;
  const cozy = ctx.scene.moods.includes("cozy") || ctx.scene.extras.includes("lamp");
  const lampOn = (dark > 0.3 || cozy) && !ctx.scene.extras.includes("fire");
  // Walls take the lamp's warmth at night and the window's daylight by day.
  const wallBase = ctx.scene.moods.includes("eerie") ? hex("#8f9ea3") : hex("#d8c3a2");
  const dim = 0.55 - 0.35 * (1 - dark);
  const wall = mix(ctx.pal.lit(wallBase), mix(wallBase, pal.lamp, lampOn ? 0.25 : 0), 1 - dim);
  const wood = mix(pal.lit(hex("#7a5236")), hex("#7a5236"), 0.5);
  const accent = pal.accent;

  const out: string[] = [];
  const wallFill = defs.linear(
    [
      [0, darken(wall, 0.2)],
      [1, wall],
    ],
    0,
    0,
    0,
    floorY,
  );
  out.push(rect(0, 0, w, floorY, { fill: wallFill }));
  out.push(
    rect(0, floorY - h * 0.12, w, h * 0.12, { fill: darken(wall, 0.12) }),
    rect(0, floorY - h * 0.125, w, h * 0.008, { fill: lighten(wall, 0.15) }),
  );

  // The window, on the side away from the subject.
  const winW = w * 0.3;
  const winH = Math.min(h * 0.4, floorY * 0.55);
  const winX = (ctx.side === -1 ? w * 0.7 : w * 0.3) - winW / 2;
  const winY = floorY * 0.16;
  const frame = lighten(wood, 0.15);
  out.push(rect(winX - m * 0.015, winY - m * 0.015, winW + m * 0.03, winH + m * 0.03, { fill: frame }));
  out.push(windowView(ctx, winX, winY, winW, winH));
  out.push(
    path(`M${f(winX + winW / 2)} ${f(winY)}v${f(winH)}M${f(winX)} ${f(winY + winH * 0.45)}h${f(winW)}`, {
      stroke: frame,
      strokeWidth: m * 0.012,
    }),
  );
  out.push(rect(winX - m * 0.03, winY + winH, winW + m * 0.06, m * 0.02, { fill: lighten(frame, 0.1) }));
  const curtainColor = ctx.scene.colors.length ? mix(accent, wall, 0.2) : pal.lit(hex("#9b4a3c"));
  out.push(curtain(winX - m * 0.04, winY - m * 0.04, winW * 0.3, winH + m * 0.12, curtainColor, 1));
  out.push(curtain(winX + winW + m * 0.04, winY - m * 0.04, winW * 0.3, winH + m * 0.12, curtainColor, -1));
  out.push(rect(winX - m * 0.06, winY - m * 0.05, winW + m * 0.12, m * 0.012, { fill: darken(wood, 0.3) }));

  // The floor: boards converging toward the middle of the wall.
  const floorFill = defs.linear(
    [
      [0, darken(wood, 0.25)],
      [1, wood],
    ],
    0,
    floorY,
    0,
    h,
  );
  out.push(rect(0, floorY, w, h - floorY, { fill: floorFill }));
  let boards = "";
  for (let i = -8; i <= 8; i++) boards += `M${f(w / 2 + i * w * 0.07)} ${f(floorY)}L${f(w / 2 + i * w * 0.2)} ${f(h)}`;
  out.push(path(boards, { stroke: darken(wood, 0.35), strokeWidth: Math.max(1, m * 0.002), opacity: 0.5 }));

  // Daylight falling through the window onto the floor.
  if (!lampOn || dark < 0.5) {
    const shaft = polygonD([
      [winX, floorY],
      [winX + winW, floorY],
      [winX + winW - ctx.side * w * 0.12, h],
      [winX - ctx.side * w * 0.12, h],
    ]);
    out.push(path(shaft, { fill: defs.fadeDown(lighten(pal.sun, 0.3), 0.25) }));
  }

  // Furniture on the subject's side: a bookshelf or a picture, the chair, the lamp.
  const chairX = ctx.side === -1 ? w * 0.22 : w * 0.78;
  const shelfX = ctx.side === -1 ? w * 0.02 : w * 0.98 - w * 0.2;
  const books = ctx.scene.extras.includes("books");
  const fire = ctx.scene.extras.includes("fire");
  // The light source stands between the chair and the middle: a floor lamp, or the fire.
  const lampX = chairX + (ctx.side === -1 ? -1 : 1) * -m * 0.22;
  if (fire) out.push(fireplace(ctx, lampX + (ctx.side === -1 ? 1 : -1) * w * 0.06, floorY + h * 0.01, w * 0.2));
  if (books) {
    const hues = ["#8c3b3b", "#3b5c8c", "#c99a3b", "#4d7a5a", "#6e4a7a", "#d8cbb0", "#2f3e4e"].map((c) =>
      mix(pal.lit(hex(c)), hex(c), 0.5),
    );
    out.push(bookshelf(shelfX, floorY * 0.22, w * 0.2, floorY + h * 0.01, wood, hues, rng));
  } else {
    const px = ctx.side === -1 ? w * 0.12 : w * 0.74;
    out.push(rect(px, floorY * 0.25, w * 0.14, w * 0.1, { fill: darken(wood, 0.2) }));
    out.push(rect(px + w * 0.01, floorY * 0.25 + w * 0.01, w * 0.12, w * 0.08, { fill: mix(pal.skyMid, accent, 0.3) }));
    out.push(
      path(
        `M${f(px + w * 0.01)} ${f(floorY * 0.25 + w * 0.09)}l${f(w * 0.05)} ${f(-w * 0.045)}l${f(w * 0.03)} ${f(w * 0.02)}l${f(w * 0.04)} ${f(-w * 0.03)}V${f(floorY * 0.25 + w * 0.09)}Z`,
        { fill: darken(accent, 0.2) },
      ),
    );
  }
  const rugY = floorY + (h - floorY) * 0.55;
  out.push(ellipse(w / 2 + (chairX - w / 2) * 0.3, rugY, w * 0.32, (h - floorY) * 0.28, { fill: darken(accent, 0.2) }));
  out.push(
    ellipse(w / 2 + (chairX - w / 2) * 0.3, rugY, w * 0.28, (h - floorY) * 0.22, { fill: mix(accent, wall, 0.35) }),
  );
  const chairColor = mix(pal.lit(hex("#5f7d6e")), accent, ctx.scene.colors.length ? 0.55 : 0.15);
  out.push(armchair(chairX, floorY + (h - floorY) * 0.35, m * 0.3, chairColor));

  const lampBase = floorY + (h - floorY) * 0.3;
  const lampTop = floorY * 0.45;
  if (lampOn) {
    const strength = 0.35 + 0.4 * dark;
    out.push(circle(lampX, lampTop, m * 0.55, { fill: defs.glow(pal.lamp, strength) }));
    out.push(
      path(
        polygonD([
          [lampX - m * 0.05, lampTop + m * 0.04],
          [lampX + m * 0.05, lampTop + m * 0.04],
          [lampX + m * 0.2, lampBase],
          [lampX - m * 0.2, lampBase],
        ]),
        { fill: defs.fadeDown(pal.lamp, 0.22) },
      ),
    );
  }
  if (!fire) {
    out.push(path(`M${f(lampX)} ${f(lampTop)}V${f(lampBase)}`, { stroke: darken(wood, 0.5), strokeWidth: m * 0.008 }));
    out.push(ellipse(lampX, lampBase, m * 0.04, m * 0.01, { fill: darken(wood, 0.5) }));
    out.push(
      path(
        polygonD([
          [lampX - m * 0.035, lampTop - m * 0.06],
          [lampX + m * 0.035, lampTop - m * 0.06],
          [lampX + m * 0.06, lampTop + m * 0.04],
          [lampX - m * 0.06, lampTop + m * 0.04],
        ]),
        { fill: lampOn ? lighten(pal.lamp, 0.2) : mix(pal.lamp, wall, 0.5) },
      ),
    );
  }

  // The plant stands by the window on the side away from the chair and lamp.
  const plantX = ctx.side === -1 ? Math.min(w * 0.91, winX + winW + m * 0.08) : Math.max(w * 0.09, winX - m * 0.08);
  out.push(
    plant(plantX, floorY + (h - floorY) * 0.25, m * 0.22, pal.lit(hex("#4f8a5b")), pal.lit(hex("#b5653e")), rng),
  );

  if (subject) {
    const sx =
      subject === "person" || subject === "robot" || subject === "astronaut"
        ? winX + winW / 2 + ctx.side * w * 0.02
        : w / 2 + (chairX - w / 2) * 0.3;
    const big = subject === "person" || subject === "robot" || subject === "astronaut";
    // The room is close to the camera: people and animals are drawn larger than outdoors.
    out.push(drawSubject(ctx, subject, sx, big ? floorY + (h - floorY) * 0.3 : rugY, big ? 1.9 : 1.5));
  }
  if (lampOn) out.push(rect(0, 0, w, h, { fill: darken(pal.ink, 0.2), opacity: 0.12 * dark }));
  return out;
}
