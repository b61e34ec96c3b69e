// Types for two small CommonJS packages without their own. We use them in tests, as an
// implementation independent of ours, to check the chunks and CRCs we write.
declare module "png-chunks-extract" {
  /** Every chunk of a PNG, IEND included; throws on a bad signature, a missing IHDR, a CRC mismatch or truncation. */
  function extractChunks(data: Uint8Array): Array<{ name: string; data: Uint8Array }>;
  export = extractChunks;
}

declare module "png-chunks-encode" {
  /** A PNG (signature, then each chunk with its length and CRC) from a list of chunks. */
  function encodeChunks(chunks: ReadonlyArray<{ name: string; data: Uint8Array }>): Uint8Array;
  export = encodeChunks;
}
