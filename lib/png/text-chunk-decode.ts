import { inflateZlib } from "./inflate";
import { decodeLatin1 } from "./latin1";

export type PngTextKind = "tEXt" | "iTXt" | "zTXt";

/** One text chunk as read: keyword, text and the chunk type it came from. */
export type PngText = { keyword: string; text: string; kind: PngTextKind };

export const TEXT_CHUNK_TYPES: ReadonlySet<string> = new Set<PngTextKind>(["tEXt", "iTXt", "zTXt"]);

/** PNG keywords are 1 to 79 Latin-1 bytes, ended by a NUL. */
const MAX_KEYWORD_BYTES = 79;

// Not fatal: a stray bad byte in someone's UTF-8 should cost one character, not the recipe.
const utf8 = new TextDecoder("utf-8");

function keywordEnd(data: Uint8Array): number | null {
  const end = data.subarray(0, MAX_KEYWORD_BYTES + 1).indexOf(0);
  return end >= 1 ? end : null;
}

/** A text chunk's keyword, without decoding (or inflating) its text; null when malformed. */
export function keywordOf(data: Uint8Array): string | null {
  const end = keywordEnd(data);
  return end === null ? null : decodeLatin1(data.subarray(0, end));
}

/** The index of the NUL at or after `from`, or null when there is none. */
function nulFrom(data: Uint8Array, from: number): number | null {
  const at = data.indexOf(0, from);
  return at >= 0 ? at : null;
}

/**
 * Decodes a tEXt, zTXt or iTXt chunk's data (PNG spec 11.3.4). Null for anything malformed,
 * for a compression method other than 0 (deflate, the only one defined), and for compressed
 * text the platform cannot inflate. Never throws.
 */
export async function decodeTextChunk(kind: PngTextKind, data: Uint8Array): Promise<PngText | null> {
  const kwEnd = keywordEnd(data);
  if (kwEnd === null) return null;
  const keyword = decodeLatin1(data.subarray(0, kwEnd));

  if (kind === "tEXt") {
    return { keyword, kind, text: decodeLatin1(data.subarray(kwEnd + 1)) };
  }

  if (kind === "zTXt") {
    if (data[kwEnd + 1] !== 0) return null;
    const inflated = await inflateZlib(data.subarray(kwEnd + 2));
    return inflated ? { keyword, kind, text: decodeLatin1(inflated) } : null;
  }

  // iTXt: keyword NUL, compression flag, compression method, language NUL, translated keyword NUL, text.
  const flag = data[kwEnd + 1];
  const method = data[kwEnd + 2];
  // The method byte only matters for compressed text; some writers leave junk in it otherwise.
  if (flag === undefined || method === undefined || flag > 1 || (flag === 1 && method !== 0)) return null;
  const langEnd = nulFrom(data, kwEnd + 3);
  if (langEnd === null) return null;
  const translatedEnd = nulFrom(data, langEnd + 1);
  if (translatedEnd === null) return null;
  const body = data.subarray(translatedEnd + 1);
  if (flag === 0) return { keyword, kind, text: utf8.decode(body) };
  const inflated = await inflateZlib(body);
  return inflated ? { keyword, kind, text: utf8.decode(inflated) } : null;
}
