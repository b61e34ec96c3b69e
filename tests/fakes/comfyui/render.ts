import { createHash } from "node:crypto";
import sharp from "sharp";

export type RenderInput = {
  prompt: string;
  negative: string;
  seed: number;
  index: number;
  width: number;
  height: number;
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A tEXt chunk, as ComfyUI's SaveImage writes "prompt" (the API graph as JSON) into every PNG. */
function textChunk(keyword: string, text: string): Buffer {
  const data = Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0]), Buffer.from(text, "latin1")]);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write("tEXt", 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Right after the signature (8 bytes) and IHDR (25 bytes), where PIL puts its text chunks too. */
function withText(png: Buffer, keyword: string, text: string): Buffer {
  return Buffer.concat([png.subarray(0, 33), textChunk(keyword, text), png.subarray(33)]);
}

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
  const raw = Buffer.alloc(width * height * 3);
  const span = Math.max(1, width + height - 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / span;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) raw[o + c] = Math.round((from[c] ?? 0) * (1 - t) + (to[c] ?? 0) * t);
    }
  }
  const png = await sharp(raw, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const json = JSON.stringify(graph).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return withText(png, "prompt", json);
}
