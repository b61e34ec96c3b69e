import sharp from "sharp";

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

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

/**
 * A1111 (through PIL) writes its infotext into each PNG as a text chunk named "parameters":
 * tEXt when it is Latin-1, iTXt (UTF-8) otherwise. sharp cannot, so the chunk goes in by hand,
 * right after IHDR (8-byte signature + 25-byte IHDR chunk).
 */
export function withPngText(png: Buffer, key: string, text: string): Buffer {
  const latin1 = Buffer.from(text, "latin1").toString("latin1") === text;
  const keyBytes = Buffer.from(key, "latin1");
  const data = latin1
    ? Buffer.concat([keyBytes, Buffer.from([0]), Buffer.from(text, "latin1")])
    : Buffer.concat([keyBytes, Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, "utf8")]);
  const type = Buffer.from(latin1 ? "tEXt" : "iTXt", "latin1");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  const at = 8 + 25;
  return Buffer.concat([png.subarray(0, at), length, type, data, crc, png.subarray(at)]);
}

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
  const raw = Buffer.alloc(width * height * 3);
  const span = Math.max(1, width + height - 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / span;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        // Never below 16 at full brightness: a black image means an interrupted or broken job.
        const v = (from[c] ?? 0) * (1 - t) + (to[c] ?? 0) * t;
        raw[o + c] = Math.round(k * Math.max(16, v));
      }
    }
  }
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
