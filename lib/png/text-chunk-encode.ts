import { crc32 } from "./crc32";
import { encodeLatin1, isLatin1 } from "./latin1";

const utf8 = new TextEncoder();

// NUL ends strings inside text chunks and the spec forbids it in the text itself.
function withoutNul(text: string): string {
  return text.replaceAll("\u0000", "");
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A whole chunk: length, type, data, CRC over type and data. */
export function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const typeBytes = encodeLatin1(type);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typeBytes, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(typeBytes, data));
  return out;
}

/** PNG keywords: 1-79 printable Latin-1 bytes. Ours are constants, so a bad one is a bug. */
function keywordBytes(keyword: string): Uint8Array {
  if (!/^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword) || keyword.trim() !== keyword) {
    throw new TypeError(`Not a PNG keyword: ${JSON.stringify(keyword)}`);
  }
  return encodeLatin1(keyword);
}

/** A tEXt chunk; the caller checks the text is Latin-1 (see textChunkFor). */
export function tEXtChunk(keyword: string, text: string): Uint8Array {
  return encodeChunk("tEXt", concat([keywordBytes(keyword), Uint8Array.of(0), encodeLatin1(withoutNul(text))]));
}

/** An uncompressed iTXt chunk: UTF-8 text, no language tag, no translated keyword. */
export function iTXtChunk(keyword: string, text: string): Uint8Array {
  return encodeChunk(
    "iTXt",
    // keyword NUL, compression flag 0, method 0, empty language NUL, empty translated keyword NUL
    concat([keywordBytes(keyword), Uint8Array.of(0, 0, 0, 0, 0), utf8.encode(withoutNul(text))]),
  );
}

/**
 * tEXt when the text is Latin-1, else uncompressed iTXt: what Pillow's `add_text` does, and so
 * what AUTOMATIC1111, Forge, Fooocus and ComfyUI write. Readers that only know tEXt still get
 * every Latin-1 prompt; a prompt with other characters is kept whole rather than mangled.
 */
export function textChunkFor(keyword: string, text: string): Uint8Array {
  return isLatin1(withoutNul(text)) ? tEXtChunk(keyword, text) : iTXtChunk(keyword, text);
}
