import { crc32 } from "./crc32";

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** PNG caps a chunk's length at 2^31 - 1; anything larger is corruption, not data. */
const MAX_CHUNK_LENGTH = 0x7fffffff;

/** Where one chunk sits in the file; offsets index the original bytes, nothing is copied. */
export type ChunkRef = {
  type: string;
  /** Offset of the 4-byte length field. */
  start: number;
  dataStart: number;
  dataEnd: number;
  /** Offset just past the CRC: the next chunk's start. */
  end: number;
};

export type ChunkList = {
  chunks: ChunkRef[];
  /** True when the walk reached IEND; false when the file is truncated or garbled first. */
  complete: boolean;
};

export function isPng(bytes: Uint8Array): boolean {
  if (bytes.length < PNG_SIGNATURE.length) return false;
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

export function readU32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

/** Chunk types are four ASCII letters; anything else means we have lost our place in the file. */
function chunkType(bytes: Uint8Array, offset: number): string | null {
  let type = "";
  for (let i = offset; i < offset + 4; i++) {
    const b = bytes[i]!;
    const letter = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
    if (!letter) return null;
    type += String.fromCharCode(b);
  }
  return type;
}

/**
 * Walks the chunks of a PNG without copying any of them. Lenient on purpose: it stops at the
 * first thing that cannot be a chunk (a truncated file, a bad length) and returns what came
 * before, so a damaged download can still yield its metadata. Null when it is not a PNG.
 */
export function listChunks(bytes: Uint8Array): ChunkList | null {
  if (!isPng(bytes)) return null;
  const chunks: ChunkRef[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= bytes.length) {
    const length = readU32(bytes, offset);
    const type = chunkType(bytes, offset + 4);
    if (length > MAX_CHUNK_LENGTH || type === null) break;
    const dataStart = offset + 8;
    const dataEnd = dataStart + length;
    const end = dataEnd + 4;
    if (end > bytes.length) break;
    chunks.push({ type, start: offset, dataStart, dataEnd, end });
    if (type === "IEND") return { chunks, complete: true };
    offset = end;
  }
  return { chunks, complete: false };
}

/** True when the stored CRC matches the chunk's type and data. */
export function hasValidCrc(bytes: Uint8Array, chunk: ChunkRef): boolean {
  const stored = readU32(bytes, chunk.dataEnd);
  return crc32(bytes.subarray(chunk.start + 4, chunk.dataEnd)) === stored;
}
