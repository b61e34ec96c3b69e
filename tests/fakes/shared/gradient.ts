/**
 * Raw RGB pixels (3 bytes each, row by row) of a diagonal gradient from `from` at the top left
 * to `to` at the bottom right: what every fake's images are made of. `shade` turns a channel's
 * value (0–255, fractional) into the byte written; rounding by default.
 */
export function diagonalGradient(
  width: number,
  height: number,
  from: readonly number[],
  to: readonly number[],
  shade: (value: number) => number = Math.round,
): Buffer {
  const raw = Buffer.alloc(width * height * 3);
  const span = Math.max(1, width + height - 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / span;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) raw[o + c] = shade((from[c] ?? 0) * (1 - t) + (to[c] ?? 0) * t);
    }
  }
  return raw;
}
