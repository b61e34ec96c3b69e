import type { Ctx } from "./context";
import { f, path, rect } from "./svg";

/** The last touches over every scene: a gentle vignette and the small "sketch" mark. */

export function vignette(ctx: Ctx): string {
  const { w, h, defs, pal } = ctx;
  const r = Math.hypot(w, h) / 2;
  if (ctx.scene.medium === "watercolor") {
    // A watercolour fades out into bare paper at its edges instead of darkening.
    const paper = defs.radial(
      [
        [0, "#fbf7ee", 0],
        [0.6, "#fbf7ee", 0],
        [1, "#fbf7ee", 0.75],
      ],
      w / 2,
      h / 2,
      r,
    );
    return rect(0, 0, w, h, { fill: paper });
  }
  const fill = defs.radial(
    [
      [0, pal.ink, 0],
      [0.62, pal.ink, 0],
      [1, pal.ink, 0.38],
    ],
    w / 2,
    h / 2,
    r,
  );
  return rect(0, 0, w, h, { fill });
}

/**
 * A tiny pencil in the bottom-right corner: says "sketch" without words (fonts may be
 * missing), faint enough not to compete with the picture.
 */
export function sketchMark(ctx: Ctx): string {
  const { w, h, m } = ctx;
  const s = Math.max(10, m * 0.022);
  const x = w - s * 1.9;
  const y = h - s * 1.9;
  const pencil = (dx: number, dy: number) =>
    `M${f(x + dx)} ${f(y + s + dy)}L${f(x + s * 0.72 + dx)} ${f(y + s * 0.28 + dy)}L${f(x + s * 0.9 + dx)} ${f(y + s * 0.46 + dy)}L${f(x + s * 0.18 + dx)} ${f(y + s * 1.18 + dy)}Z` +
    `M${f(x + dx)} ${f(y + s + dy)}L${f(x + s * 0.18 + dx)} ${f(y + s * 1.18 + dy)}L${f(x - s * 0.12 + dx)} ${f(y + s * 1.3 + dy)}Z`;
  // White with a faint dark offset beneath, so it reads on snow as well as on night sky.
  const o = Math.max(1, s * 0.08);
  return path(pencil(o, o), { fill: "#000000", opacity: 0.22 }) + path(pencil(0, 0), { fill: "#ffffff", opacity: 0.5 });
}
