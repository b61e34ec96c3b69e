import { createRng } from "../prng";

/**
 * Smooth value noise on a coarse grid, bilinearly interpolated to every pixel:
 * enough for paper blotches and canvas unevenness, and deterministic from its seed.
 */
export function valueNoise(width: number, height: number, cell: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const gw = Math.ceil(width / cell) + 2;
  const gh = Math.ceil(height / cell) + 2;
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = rng.next();
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = y / cell;
    const y0 = Math.floor(gy);
    const ty = gy - y0;
    const sy = ty * ty * (3 - 2 * ty);
    for (let x = 0; x < width; x++) {
      const gx = x / cell;
      const x0 = Math.floor(gx);
      const tx = gx - x0;
      const sx = tx * tx * (3 - 2 * tx);
      const i = y0 * gw + x0;
      const a = grid[i] ?? 0;
      const b = grid[i + 1] ?? 0;
      const c = grid[i + gw] ?? 0;
      const d = grid[i + gw + 1] ?? 0;
      out[y * width + x] = a + (b - a) * sx + (c - a + (a - b - c + d) * sx) * sy;
    }
  }
  return out;
}

/**
 * Streaks: value noise stretched along x (cells `along` wide and `across` tall), the
 * texture of paint dragged by a brush. Sampled per pixel from a small grid.
 */
export function streaks(width: number, height: number, along: number, across: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const gw = Math.ceil(width / along) + 2;
  const gh = Math.ceil(height / across) + 2;
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = rng.next();
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = y / across;
    const y0 = Math.floor(gy);
    const ty = gy - y0;
    for (let x = 0; x < width; x++) {
      const gx = x / along;
      const x0 = Math.floor(gx);
      const tx = gx - x0;
      const i = y0 * gw + x0;
      const a = grid[i] ?? 0;
      const b = grid[i + 1] ?? 0;
      const c = grid[i + gw] ?? 0;
      const d = grid[i + gw + 1] ?? 0;
      out[y * width + x] = a + (b - a) * tx + (c - a + (a - b - c + d) * tx) * ty;
    }
  }
  return out;
}
