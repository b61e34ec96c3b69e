import { hasValidCrc, listChunks } from "./png-structure";
import { decodeTextChunk, type PngText, type PngTextKind, TEXT_CHUNK_TYPES } from "./text-chunk-decode";

export type { PngText, PngTextKind } from "./text-chunk-decode";

/**
 * Every tEXt, zTXt and iTXt chunk in the file, in file order. Client-safe (runs on a PNG the
 * user drops onto the studio) and async because compressed text inflates through
 * DecompressionStream.
 *
 * Lenient in what it reads, strict in what it trusts:
 * - not a PNG: [] (never throws);
 * - a truncated or garbled file: the text chunks before the damage;
 * - a text chunk whose CRC does not match: skipped, as libpng does with damaged ancillary
 *   chunks, because its text could be anything;
 * - compressed text that will not inflate (bad stream, over 8 MiB, or no DecompressionStream
 *   on this platform): skipped.
 */
export async function readPngText(bytes: Uint8Array): Promise<PngText[]> {
  const list = listChunks(bytes);
  if (!list) return [];
  const texts: PngText[] = [];
  for (const chunk of list.chunks) {
    if (!TEXT_CHUNK_TYPES.has(chunk.type) || !hasValidCrc(bytes, chunk)) continue;
    const text = await decodeTextChunk(chunk.type as PngTextKind, bytes.subarray(chunk.dataStart, chunk.dataEnd));
    if (text) texts.push(text);
  }
  return texts;
}
