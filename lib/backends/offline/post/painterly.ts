import { streaks, valueNoise } from "./noise";

/**
 * Oil on canvas: the softened render, a little richer in colour, with brush-stroke
 * streaks (paint dragged sideways), uneven loading of paint in broad patches, and
 * a little canvas tooth.
 */
export function painterly(blurred: Buffer, width: number, height: number, seed: number): Buffer {
  const m = Math.min(width, height);
  const out = Buffer.alloc(blurred.length);
  const qw = Math.ceil(width / 4);
  const qh = Math.ceil(height / 4);
  const patches = valueNoise(qw, qh, Math.max(3, Math.round(m / 4 / 12)), seed);
  const strokes = streaks(width, height, Math.max(6, m / 70), Math.max(2, m / 220), seed ^ 0x2545f491);
  let hash = seed >>> 0 || 1;
  for (let y = 0; y < height; y++) {
    const qrow = (y >> 2) * qw;
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const i = p * 3;
      hash ^= hash << 13;
      hash ^= hash >>> 17;
      hash ^= hash << 5;
      const k =
        0.96 +
        0.06 * (strokes[p] ?? 0.5) +
        0.05 * ((patches[qrow + (x >> 2)] ?? 0.5) - 0.5) +
        0.025 * ((hash >>> 0) / 4294967296 - 0.5);
      const r = blurred[i] ?? 0;
      const g = blurred[i + 1] ?? 0;
      const b = blurred[i + 2] ?? 0;
      const mean = (r + g + b) / 3;
      out[i] = clamp((mean + (r - mean) * 1.12) * k);
      out[i + 1] = clamp((mean + (g - mean) * 1.12) * k);
      out[i + 2] = clamp((mean + (b - mean) * 1.12) * k);
    }
  }
  return out;
}

const clamp = (v: number) => (v < 0 ? 0 : Math.min(v, 255));
