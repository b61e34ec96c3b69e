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
 * A PNG with one more text chunk, as PIL writes them (A1111's "parameters", ComfyUI's
 * "prompt"): tEXt when the text is Latin-1, iTXt (UTF-8) otherwise. sharp cannot, so the chunk
 * goes in by hand, right after IHDR (8-byte signature + 25-byte IHDR chunk), where PIL puts it.
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
