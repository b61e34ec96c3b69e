/**
 * Pixel art: the scene is rasterised small and its colours reduced to a small palette
 * (libimagequant through sharp, see quantizePng); the caller then scales it up with
 * nearest-neighbour sampling for hard square pixels.
 */

/** The block size for an output size: about 128 blocks across the short side, dividing both sides when possible. */
export function pixelBlock(width: number, height: number): number {
  const target = Math.max(2, Math.round(Math.min(width, height) / 128));
  for (let b = target; b >= 2; b--) if (width % b === 0 && height % b === 0) return b;
  return target;
}

/** Palette size: a handful of colours, like the consoles the style remembers. */
export const PIXEL_COLORS = 16;
