import sharp from "sharp";
import { fnv1a } from "../shared/fnv1a";
import { diagonalGradient } from "../shared/gradient";

export type FakeImageFormat = "png" | "jpeg" | "webp";

/**
 * A real image of the requested size: a diagonal gradient between two colours taken from a
 * hash of the prompt, so different prompts look different and the same prompt looks the same.
 */
export async function renderFakeImage(
  prompt: string,
  index: number,
  width: number,
  height: number,
  format: FakeImageFormat,
  /** Below 1: a partial image of a stream, that much of the way there. */
  done = 1,
  /** Drawn at width × height, then scaled up to this (cheap partial images). */
  scaleTo?: { width: number; height: number },
): Promise<Buffer> {
  const h = fnv1a(`${index}:${prompt}`);
  const from = [h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff];
  const to = [255 - (from[0] ?? 0), (h >>> 24) & 0xff, 255 - (from[2] ?? 0)];
  const k = Math.max(0, Math.min(1, done));
  const raw = diagonalGradient(width, height, from, to, (v) => Math.round(128 * (1 - k) + v * k));
  let image = sharp(raw, { raw: { width, height, channels: 3 } });
  if (scaleTo) image = image.resize(scaleTo.width, scaleTo.height, { kernel: "linear" });
  // Speed over size: tests make many of these.
  if (format === "jpeg") return image.jpeg({ quality: 80 }).toBuffer();
  if (format === "webp") return image.webp({ quality: 80 }).toBuffer();
  return image.png({ compressionLevel: 1 }).toBuffer();
}
