/**
 * zlib inflate for zTXt and compressed iTXt, with the platform's DecompressionStream
 * (browsers, Node 18+), so the reader stays free of Node modules and of a bundled inflater.
 */

/** Ceiling on one chunk's inflated text: a real recipe is kilobytes, a zip bomb is not. */
export const MAX_INFLATED_BYTES = 8 * 1024 * 1024;

/**
 * The inflated bytes, or null when the data is not a complete zlib stream, inflates past
 * `maxBytes`, or the platform has no DecompressionStream. Never throws.
 */
export async function inflateZlib(data: Uint8Array, maxBytes = MAX_INFLATED_BYTES): Promise<Uint8Array | null> {
  if (typeof DecompressionStream === "undefined") return null;
  try {
    const stream = new DecompressionStream("deflate");
    const writer = stream.writable.getWriter();
    // Errors surface on the reader; these promises would otherwise reject unobserved.
    writer.write(new Uint8Array(data)).catch(() => {});
    writer.close().catch(() => {});
    const reader = stream.readable.getReader();
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        reader.cancel().catch(() => {});
        return null;
      }
      parts.push(value);
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  } catch {
    return null;
  }
}
