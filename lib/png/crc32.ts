/**
 * CRC-32 as PNG defines it (ISO 3309 / ITU-T V.42, polynomial 0xEDB88320), over one or more
 * byte runs so a chunk's type and data can be checked without copying them together.
 * Pure TypeScript: the reader runs in the browser.
 */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The unsigned CRC-32 of the given byte runs, in order. */
export function crc32(...parts: Uint8Array[]): number {
  let crc = 0xffffffff;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      crc = TABLE[(crc ^ part[i]!) & 0xff]! ^ (crc >>> 8);
    }
  }
  return (crc ^ 0xffffffff) >>> 0;
}
