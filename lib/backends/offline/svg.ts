import { css, type Rgb } from "./color";

/** Small SVG-writing helpers. Numbers are rounded so the same scene is the same text, byte for byte. */

export type Point = readonly [number, number];

export const f = (n: number): string => String(Math.round(n * 10) / 10);

export type Paint = Rgb | string;
const paint = (p: Paint) => (typeof p === "string" ? p : css(p));

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  let out = "";
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined) continue;
    out += ` ${k}="${typeof v === "number" ? f(v) : v}"`;
  }
  return out;
}

export type Style = { fill?: Paint; opacity?: number; stroke?: Paint; strokeWidth?: number; extra?: Attrs };

/**
 * Shape translucency is written as fill-opacity / stroke-opacity, never `opacity`:
 * librsvg composites an element with `opacity` through an offscreen surface, which
 * made a snowfall of a few hundred flakes cost more than the rest of the picture.
 */
function style(s: Style): Attrs {
  const alpha = s.opacity === undefined || s.opacity >= 1 ? undefined : Math.round(s.opacity * 1000) / 1000;
  const hasFill = s.fill !== undefined;
  return {
    fill: s.fill === undefined ? (s.stroke ? "none" : undefined) : paint(s.fill),
    "fill-opacity": hasFill || !s.stroke ? alpha : undefined,
    "stroke-opacity": s.stroke ? alpha : undefined,
    stroke: s.stroke === undefined ? undefined : paint(s.stroke),
    "stroke-width": s.strokeWidth,
    "stroke-linecap": s.stroke ? "round" : undefined,
    "stroke-linejoin": s.stroke ? "round" : undefined,
    ...s.extra,
  };
}

export const rect = (x: number, y: number, w: number, h: number, s: Style & { rx?: number } = {}) =>
  `<rect${attrs({ x, y, width: w, height: h, rx: s.rx })}${attrs(style(s))}/>`;

export const circle = (cx: number, cy: number, r: number, s: Style = {}) =>
  `<circle${attrs({ cx, cy, r })}${attrs(style(s))}/>`;

export const ellipse = (cx: number, cy: number, rx: number, ry: number, s: Style & { rotate?: number } = {}) =>
  `<ellipse${attrs({ cx, cy, rx, ry, transform: s.rotate ? `rotate(${f(s.rotate)} ${f(cx)} ${f(cy)})` : undefined })}${attrs(style(s))}/>`;

export const path = (d: string, s: Style = {}) => `<path d="${d}"${attrs(style(s))}/>`;

export const group = (children: string | string[], a: Attrs = {}) =>
  `<g${attrs(a)}>${Array.isArray(children) ? children.join("") : children}</g>`;

export const polygonD = (pts: readonly Point[]) => `M${pts.map(([x, y]) => `${f(x)} ${f(y)}`).join("L")}Z`;

/** A smooth curve through the points (Catmull-Rom as cubic Béziers). */
export function smoothD(pts: readonly Point[], close?: { bottom: number }): string {
  const first = pts[0];
  if (!first) return "";
  let d = `M${f(first[0])} ${f(first[1])}`;
  for (let i = 0; i < pts.length - 1; i++) {
    const p0 = pts[i - 1] ?? pts[i];
    const p1 = pts[i];
    const p2 = pts[i + 1];
    const p3 = pts[i + 2] ?? p2;
    if (!p0 || !p1 || !p2 || !p3) continue;
    const c1x = p1[0] + (p2[0] - p0[0]) / 6;
    const c1y = p1[1] + (p2[1] - p0[1]) / 6;
    const c2x = p2[0] - (p3[0] - p1[0]) / 6;
    const c2y = p2[1] - (p3[1] - p1[1]) / 6;
    d += `C${f(c1x)} ${f(c1y)} ${f(c2x)} ${f(c2y)} ${f(p2[0])} ${f(p2[1])}`;
  }
  if (close) {
    const last = pts[pts.length - 1] ?? first;
    d += `L${f(last[0])} ${f(close.bottom)}L${f(first[0])} ${f(close.bottom)}Z`;
  }
  return d;
}

/** Straight segments through the points, closed down to `bottom`: for jagged ridges. */
export function ridgeD(pts: readonly Point[], bottom: number): string {
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (!first || !last) return "";
  return `M${pts.map(([x, y]) => `${f(x)} ${f(y)}`).join("L")}L${f(last[0])} ${f(bottom)}L${f(first[0])} ${f(bottom)}Z`;
}

export type Stop = readonly [offset: number, color: Paint, opacity?: number];

/** Collects <defs> and hands out unique ids for one document. */
export class Defs {
  private items: string[] = [];
  private count = 0;
  private cache = new Map<string, string>();

  id(prefix: string): string {
    this.count += 1;
    return `${prefix}${this.count}`;
  }

  add(def: string): void {
    this.items.push(def);
  }

  linear(stops: readonly Stop[], x1: number, y1: number, x2: number, y2: number): string {
    const id = this.id("lg");
    this.items.push(
      `<linearGradient id="${id}" gradientUnits="userSpaceOnUse"${attrs({ x1, y1, x2, y2 })}>${stopsXml(stops)}</linearGradient>`,
    );
    return `url(#${id})`;
  }

  radial(
    stops: readonly Stop[],
    cx: number,
    cy: number,
    r: number,
    opts: { sy?: number; units?: "userSpaceOnUse" | "objectBoundingBox" } = {},
  ): string {
    const id = this.id("rg");
    // An elliptical glow is a circle squashed by a transform about its centre.
    const transform = opts.sy
      ? `translate(${f(cx)} ${f(cy)}) scale(1 ${opts.sy}) translate(${f(-cx)} ${f(-cy)})`
      : undefined;
    this.items.push(
      `<radialGradient id="${id}" gradientUnits="${opts.units ?? "userSpaceOnUse"}"${attrs({ cx, cy, r, gradientTransform: transform })}>${stopsXml(stops)}</radialGradient>`,
    );
    return `url(#${id})`;
  }

  /**
   * A soft round glow in bounding-box units: one definition per colour, reused by every
   * circle or rect that wants it (lamps, stars, neon), so a busy scene stays a small document.
   */
  glow(color: Paint, strength = 0.6): string {
    const key = `glow:${paint(color)}:${strength}`;
    const known = this.cache.get(key);
    if (known) return known;
    const url = this.radial(
      [
        [0, color, strength],
        [0.35, color, strength * 0.4],
        [1, color, 0],
      ],
      0.5,
      0.5,
      0.5,
      { units: "objectBoundingBox" },
    );
    this.cache.set(key, url);
    return url;
  }

  /** A vertical fade in bounding-box units, opaque at the top: reflections and light shafts. */
  fadeDown(color: Paint, strength: number): string {
    const key = `fade:${paint(color)}:${strength}`;
    const known = this.cache.get(key);
    if (known) return known;
    const id = this.id("fd");
    this.items.push(
      `<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${stopsXml([
        [0, color, strength],
        [1, color, 0],
      ])}</linearGradient>`,
    );
    const url = `url(#${id})`;
    this.cache.set(key, url);
    return url;
  }

  clip(content: string): string {
    const id = this.id("cp");
    this.items.push(`<clipPath id="${id}">${content}</clipPath>`);
    return `url(#${id})`;
  }

  toString(): string {
    return this.items.length ? `<defs>${this.items.join("")}</defs>` : "";
  }
}

function stopsXml(stops: readonly Stop[]): string {
  return stops
    .map(
      ([o, c, a]) =>
        `<stop offset="${f(o * 100)}%" stop-color="${paint(c)}"${a === undefined ? "" : ` stop-opacity="${Math.round(a * 1000) / 1000}"`}/>`,
    )
    .join("");
}
