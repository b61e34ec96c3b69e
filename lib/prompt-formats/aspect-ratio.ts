/** A width:height ratio in lowest terms, e.g. 1024×1536 → { w: 2, h: 3 }. */
export type Ratio = { w: number; h: number };

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/** The size reduced to lowest terms; undefined for sizes that are not two positive whole numbers. */
export function reduceRatio(width: number, height: number): Ratio | undefined {
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width <= 0 || height <= 0) return undefined;
  const d = gcd(width, height);
  return { w: width / d, h: height / d };
}

/** "WIDTHxHEIGHT" (the studio's size strings) as numbers; undefined when it is not one. */
export function parseSizeText(size: string): { width: number; height: number } | undefined {
  const m = /^(\d{1,5})x(\d{1,5})$/.exec(size.trim());
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

/** "2:3" (Midjourney's and Ideogram's spelling). */
export function ratioText(r: Ratio): string {
  return `${r.w}:${r.h}`;
}

/** "2:3" or "16:9" as a Ratio; undefined for anything else. */
export function parseRatio(text: string): Ratio | undefined {
  const m = /^\s*(\d{1,5})\s*:\s*(\d{1,5})\s*$/.exec(text);
  return m ? reduceRatio(Number(m[1]), Number(m[2])) : undefined;
}

/**
 * The ratio among `choices` closest in shape to `r` (compared on a log scale, so 2:1 and 1:2 are
 * equally far from 1:1). For targets that take only a fixed list, e.g. 832×1216 (13:19) → 2:3.
 */
export function nearestRatio(r: Ratio, choices: readonly Ratio[]): Ratio {
  const target = Math.log(r.w / r.h);
  let best = choices[0] ?? r;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of choices) {
    const distance = Math.abs(Math.log(c.w / c.h) - target);
    if (distance < bestDistance - 1e-9) {
      best = c;
      bestDistance = distance;
    }
  }
  return best;
}
