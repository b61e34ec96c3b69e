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

/**
 * A real PNG of the requested size, the same for the same prompt, seed and batch index: a
 * diagonal gradient between two colours from a hash. The API graph goes in a "prompt" text
 * chunk, ASCII-escaped like Python's json.dumps, as in ComfyUI's own files.
 */
export async function renderFakePng(input: RenderInput, graph: unknown): Promise<Buffer> {
  const digest = createHash("sha256")
    .update(`${input.prompt}\u0000${input.negative}\u0000${input.seed}\u0000${input.index}`)
    .digest();
  const from = [digest[0] ?? 0, digest[1] ?? 0, digest[2] ?? 0];
  const to = [digest[3] ?? 0, digest[4] ?? 0, digest[5] ?? 0];
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
