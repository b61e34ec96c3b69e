/**
 * ISO 8859-1, the encoding of tEXt and zTXt. Done by hand because TextDecoder's "latin1"
 * label is really windows-1252 (per the WHATWG Encoding spec), which differs in 0x80-0x9F.
 */

/** True when every character fits in one Latin-1 byte. */
export function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0xff) return false;
  }
  return true;
}

/** The Latin-1 bytes of `text`; the caller checks isLatin1 first. */
export function encodeLatin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function decodeLatin1(bytes: Uint8Array): string {
  let out = "";
  // Slices keep String.fromCharCode under engines' argument-count limits.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
}
