/** Colour arithmetic in plain RGB/HSL: enough for palettes, with no dependency. */

export type Rgb = { r: number; g: number; b: number };
export type Hsl = { h: number; s: number; l: number };

const clamp01 = (x: number) => (x < 0 ? 0 : Math.min(x, 1));

export function hex(value: string): Rgb {
  const v = value.replace("#", "");
  return {
    r: Number.parseInt(v.slice(0, 2), 16),
    g: Number.parseInt(v.slice(2, 4), 16),
    b: Number.parseInt(v.slice(4, 6), 16),
  };
}

/** CSS form; rounded so the SVG text (and so the PNG bytes) are stable. */
export function css(c: Rgb): string {
  const to = (x: number) =>
    Math.round(Math.max(0, Math.min(255, x)))
      .toString(16)
      .padStart(2, "0");
  return `#${to(c.r)}${to(c.g)}${to(c.b)}`;
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const k = clamp01(t);
  return { r: a.r + (b.r - a.r) * k, g: a.g + (b.g - a.g) * k, b: a.b + (b.b - a.b) * k };
}

export function toHsl({ r, g, b }: Rgb): Hsl {
  const rn = r / 255;
  const gn = g / 255;
  const bn = b / 255;
  const max = Math.max(rn, gn, bn);
  const min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  if (max === min) return { h: 0, s: 0, l };
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  let h: number;
  if (max === rn) h = (gn - bn) / d + (gn < bn ? 6 : 0);
  else if (max === gn) h = (bn - rn) / d + 2;
  else h = (rn - gn) / d + 4;
  return { h: h * 60, s, l };
}

export function fromHsl({ h, s, l }: Hsl): Rgb {
  const hh = (((h % 360) + 360) % 360) / 360;
  const ss = clamp01(s);
  const ll = clamp01(l);
  if (ss === 0) return { r: ll * 255, g: ll * 255, b: ll * 255 };
  const q = ll < 0.5 ? ll * (1 + ss) : ll + ss - ll * ss;
  const p = 2 * ll - q;
  const channel = (t0: number) => {
    let t = t0;
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  return { r: channel(hh + 1 / 3) * 255, g: channel(hh) * 255, b: channel(hh - 1 / 3) * 255 };
}

export function hsl(h: number, s: number, l: number): Rgb {
  return fromHsl({ h, s, l });
}

/** Scales saturation and shifts lightness, keeping hue. */
export function adjust(c: Rgb, opts: { sat?: number; light?: number; hue?: number }): Rgb {
  const x = toHsl(c);
  return fromHsl({ h: x.h + (opts.hue ?? 0), s: x.s * (opts.sat ?? 1), l: x.l + (opts.light ?? 0) });
}

export function lighten(c: Rgb, t: number): Rgb {
  return mix(c, { r: 255, g: 255, b: 255 }, t);
}

export function darken(c: Rgb, t: number): Rgb {
  return mix(c, { r: 0, g: 0, b: 0 }, t);
}
