import { createHash } from "node:crypto";
import sharp from "sharp";
import { diagonalGradient } from "../shared/gradient";
import { withPngText } from "../shared/png-text";

export type RenderInput = {
  prompt: string;
  negative: string;
  seed: number;
  index: number;
  width: number;
  height: number;
};

function colours(input: RenderInput): { from: number[]; to: number[] } {
  const digest = createHash("sha256")
    .update(`${input.prompt}\u0000${input.negative}\u0000${input.seed}\u0000${input.index}`)
    .digest();
  return {
    from: [digest[0] ?? 0, digest[1] ?? 0, digest[2] ?? 0],
    to: [digest[3] ?? 0, digest[4] ?? 0, digest[5] ?? 0],
  };
}

/** latent_preview's MAX_PREVIEW_RESOLUTION: send_image fits every preview into this square. */
const MAX_PREVIEW_RESOLUTION = 512;

/**
 * A live preview after `done` (0..1) of the sampling: the final picture's gradient, dim and
 * grey early on, as a JPEG fitted into 512 px (ImageOps.contain, quality 95, as send_image does).
 */
export async function renderPreviewJpeg(input: RenderInput, done: number): Promise<Buffer> {
  const scale = MAX_PREVIEW_RESOLUTION / Math.max(input.width, input.height);
  const width = Math.max(1, Math.round(input.width * scale));
  const height = Math.max(1, Math.round(input.height * scale));
  const { from, to } = colours(input);
  const k = Math.max(0, Math.min(1, done));
  const raw = diagonalGradient(width, height, from, to, (v) => Math.round(96 * (1 - k) + v * k));
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/**
 * A real PNG of the requested size, the same for the same prompt, seed and batch index: a
 * diagonal gradient between two colours from a hash. The API graph goes in a "prompt" text
 * chunk, ASCII-escaped like Python's json.dumps, as in ComfyUI's own files.
 */
export async function renderFakePng(input: RenderInput, graph: unknown): Promise<Buffer> {
  const { from, to } = colours(input);
  const { width, height } = input;
  const raw = diagonalGradient(width, height, from, to);
  const png = await sharp(raw, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const json = JSON.stringify(graph).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return withPngText(png, "prompt", json);
}
