import { valueNoise } from "./noise";

/**
 * Watercolour from a flat render and a blurred copy of it:
 * - edges wobble: the blurred image is sampled through a gentle noise warp;
 * - washes are transparent: colours lighten toward the paper, unevenly (blooms);
 * - pigment pools at the edge of a wash, where the sharp and blurred images differ;
 * - the paper's tooth shows through, more in the darker, heavier washes.
 * The noise fields are computed at a quarter of the size: they are smooth anyway.
 */
export function watercolor(sharpRaw: Buffer, blurred: Buffer, width: number, height: number, seed: number): Buffer {
  const m = Math.min(width, height);
  const out = Buffer.alloc(blurred.length);
  const qw = Math.ceil(width / 4);
  const qh = Math.ceil(height / 4);
  const warpCell = Math.max(3, Math.round(m / 4 / 40));
  const amp = m * 0.0045;
  const nx = valueNoise(qw, qh, warpCell, seed);
  const ny = valueNoise(qw, qh, warpCell, seed ^ 0x9e3779b9);
  const bloom = valueNoise(qw, qh, Math.max(6, Math.round(m / 4 / 6)), seed ^ 0x85ebca6b);
  // Integer offsets and wash amounts per quarter-cell, so the per-pixel loop is plain arithmetic.
  const dx = new Int16Array(qw * qh);
  const dy = new Int16Array(qw * qh);
  const wash = new Float32Array(qw * qh);
  for (let q = 0; q < qw * qh; q++) {
    dx[q] = Math.round(((nx[q] ?? 0.5) - 0.5) * 2 * amp);
    dy[q] = Math.round(((ny[q] ?? 0.5) - 0.5) * 2 * amp);
    wash[q] = 0.2 + 0.2 * (bloom[q] ?? 0);
  }
  const P0 = 251;
  const P1 = 247;
  const P2 = 238;
  const seedMix = seed | 0;
  for (let y = 0; y < height; y++) {
    const qrow = (y >> 2) * qw;
    for (let x = 0; x < width; x++) {
      const q = qrow + (x >> 2);
      let sx = x + (dx[q] ?? 0);
      let sy = y + (dy[q] ?? 0);
      sx = sx < 0 ? 0 : sx >= width ? width - 1 : sx;
      sy = sy < 0 ? 0 : sy >= height ? height - 1 : sy;
      const j = (sy * width + sx) * 3;
      const i = (y * width + x) * 3;
      const b0 = blurred[j] ?? 0;
      const b1 = blurred[j + 1] ?? 0;
      const b2 = blurred[j + 2] ?? 0;
      const d0 = (sharpRaw[j] ?? 0) - b0;
      const d1 = (sharpRaw[j + 1] ?? 0) - b1;
      const d2 = (sharpRaw[j + 2] ?? 0) - b2;
      const edge = ((d0 < 0 ? -d0 : d0) + (d1 < 0 ? -d1 : d1) + (d2 < 0 ? -d2 : d2)) / 765;
      const k = wash[q] ?? 0.2;
      const density = 1 - (b0 + b1 + b2) / 765;
      const pool = edge * 3 > 0.38 ? 0.62 : 1 - edge * 3;
      // Paper tooth: one hashed value per 2×2 cell. Per-pixel noise doubled the PNG encode time.
      const cell = Math.imul((x >> 1) + 0x9e37, 0x85ebca6b) ^ Math.imul((y >> 1) + seedMix, 0xc2b2ae35);
      const tooth = ((cell ^ (cell >>> 15)) & 255) / 255;
      const f = pool * (1 - density * 0.07 * tooth);
      out[i] = (b0 + (P0 - b0) * k) * f;
      out[i + 1] = (b1 + (P1 - b1) * k) * f;
      out[i + 2] = (b2 + (P2 - b2) * k) * f;
    }
  }
  return out;
}
