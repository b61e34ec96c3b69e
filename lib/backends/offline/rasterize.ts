import "server-only";
import { sharp } from "@/lib/images/sharp";

/** Raster helpers over sharp: RGB in, RGB out, no alpha, exact sizes. */

type Raw = { data: Buffer; width: number; height: number };

async function toRaw(img: ReturnType<typeof sharp>, width: number, height: number): Promise<Buffer> {
  const { data, info } = await img.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height || info.channels !== 3) {
    throw new Error(`raster step returned ${info.width}x${info.height}x${info.channels}, wanted ${width}x${height}x3`);
  }
  return data;
}

/** SVG text to raw RGB at the SVG's own width and height. */
export function svgToRaw(svg: string, width: number, height: number): Promise<Buffer> {
  return toRaw(sharp(Buffer.from(svg), { density: 72 }), width, height);
}

export function blurRaw(raw: Raw, sigma: number): Promise<Buffer> {
  return toRaw(
    sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } }).blur(sigma),
    raw.width,
    raw.height,
  );
}

/** Reduces to a small palette (no dithering noise) and back to raw RGB. */
export async function quantizeRaw(raw: Raw, colors: number): Promise<Buffer> {
  const png = await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } })
    .png({ palette: true, colors, dither: 0, effort: 1 })
    .toBuffer();
  return toRaw(sharp(png), raw.width, raw.height);
}

/** Nearest-neighbour upscale: hard pixel edges for pixel art. */
export function upscaleNearest(raw: Raw, width: number, height: number): Promise<Buffer> {
  return toRaw(
    sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } }).resize(width, height, {
      kernel: "nearest",
      fit: "fill",
    }),
    width,
    height,
  );
}

/** Raw RGB to PNG. A fast zlib level: these are flat illustrations and compress well anyway. */
export function rawToPng(raw: Raw): Promise<Buffer> {
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } })
    .png({ compressionLevel: 3, adaptiveFiltering: false })
    .toBuffer();
}
