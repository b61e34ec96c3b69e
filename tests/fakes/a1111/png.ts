import sharp from "sharp";
import { fnv1a } from "../shared/fnv1a";
import { diagonalGradient } from "../shared/gradient";
import { withPngText } from "../shared/png-text";

export type FakeImageFormat = "png" | "jpg" | "webp";

/**
 * A real image: a diagonal gradient whose colours come from a hash of prompt and seed, so the
 * same prompt and seed give the same picture and a batch's images differ. `brightness` < 1 stands
 * for a half-denoised image (an interrupted job); 0 is black.
 */
export async function renderFakeImage(opts: {
  prompt: string;
  seed: number;
  width: number;
  height: number;
  brightness: number;
  format: FakeImageFormat;
  parameters?: string;
}): Promise<Buffer> {
  const { width, height } = opts;
  const h = fnv1a(`${opts.seed}:${opts.prompt}`);
  const from = [h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff];
  const to = [255 - (from[0] ?? 0), (h >>> 24) & 0xff, 255 - (from[2] ?? 0)];
  const k = Math.max(0, Math.min(1, opts.brightness));
  // Never below 16 at full brightness: a black image means an interrupted or broken job.
  const raw = diagonalGradient(width, height, from, to, (v) => Math.round(k * Math.max(16, v)));
  const image = sharp(raw, { raw: { width, height, channels: 3 } });
  if (opts.format === "jpg") return image.jpeg({ quality: 80 }).toBuffer();
  if (opts.format === "webp") return image.webp({ quality: 80 }).toBuffer();
  const png = await image.png({ compressionLevel: 1 }).toBuffer();
  return opts.parameters ? withPngText(png, "parameters", opts.parameters) : png;
}

/** A1111's image_grid with its default n_rows (-1): about as many rows as columns. */
export function renderGrid(images: Buffer[], width: number, height: number, format: FakeImageFormat): Promise<Buffer> {
  const rows = Math.min(images.length, Math.max(1, Math.round(Math.sqrt(images.length))));
  const cols = Math.ceil(images.length / rows);
  const grid = sharp({
    create: { width: cols * width, height: rows * height, channels: 3, background: { r: 0, g: 0, b: 0 } },
  }).composite(images.map((input, i) => ({ input, left: (i % cols) * width, top: Math.floor(i / cols) * height })));
  if (format === "jpg") return grid.jpeg({ quality: 80 }).toBuffer();
  if (format === "webp") return grid.webp({ quality: 80 }).toBuffer();
  return grid.png({ compressionLevel: 1 }).toBuffer();
}
