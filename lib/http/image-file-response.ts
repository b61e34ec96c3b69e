import "server-only";
import { parseQuery } from "./parse";
import { DownloadQuerySchema } from "@/lib/schemas/api";
import type { Image } from "@/lib/schemas/entities";
import { imageFileName } from "@/lib/text/file-name";

/** The type the bytes really are, from their signature; undefined when they are none of ours. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const at = (i: number, ...sig: number[]) => sig.every((b, j) => bytes[i + j] === b);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (at(0, 0xff, 0xd8, 0xff)) return "image/jpeg";
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return "image/webp";
  return undefined;
}

/**
 * Image bytes with their real type. Thumbnails and files without a recipe never change, so they
 * cache for a year; a full PNG's recipe chunks follow its version's approval (`revision`, from
 * withCurrentRecipe), so it is revalidated by ETag, and a download is never kept at all: the
 * file someone saves after approving must say so.
 * The type is read from the bytes (the store checked them on the way in; this holds even if a
 * file was swapped on disk), with nosniff so no browser second-guesses it. Bytes that are no image
 * of ours go out as an opaque download, never as something a browser would render.
 */
export function imageFileResponse(
  request: Request,
  image: Image,
  file: { bytes: Buffer; mime: string; revision?: string },
  kind: "full" | "thumb",
  /** The idea's title, which names a download (with the seed). */
  title?: string,
): Response {
  const { download } = parseQuery(request.url, DownloadQuerySchema);
  const type = sniffImageType(file.bytes);
  const downloading = download === "1" || download === "true";
  const etag = file.revision ? `"${file.revision}"` : undefined;
  const headers: Record<string, string> = {
    "Content-Type": type ?? "application/octet-stream",
    "Content-Length": String(file.bytes.byteLength),
    "Cache-Control": !etag
      ? "private, max-age=31536000, immutable"
      : downloading
        ? "private, no-store"
        : "private, no-cache",
    "X-Content-Type-Options": "nosniff",
    ...(etag ? { ETag: etag } : {}),
  };
  if (downloading || !type) {
    const name = imageFileName({ title, seed: image.seed, mime: type, thumb: kind === "thumb" });
    headers["Content-Disposition"] = attachment(name);
  }
  if (etag && !downloading && etagMatches(request.headers.get("if-none-match"), etag)) {
    const { "Content-Length": _, ...rest } = headers;
    return new Response(null, { status: 304, headers: rest });
  }
  return new Response(new Uint8Array(file.bytes), { headers });
}

/**
 * `attachment` with the ASCII name, plus RFC 5987's `filename*` (UTF-8, percent-encoded) when
 * the title has letters outside ASCII. Hand-written rather than a library: our names are slugs
 * (letters, digits, hyphens, one dot), so there are no quotes or backslashes to escape, and
 * encodeURIComponent leaves only RFC 5987's attr-chars plus ' ( ) * unencoded; those four are
 * encoded here.
 */
export function attachment(name: { ascii: string; unicode: string }): string {
  const plain = `attachment; filename="${name.ascii}"`;
  if (name.unicode === name.ascii) return plain;
  const encoded = encodeURIComponent(name.unicode).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${plain}; filename*=UTF-8''${encoded}`;
}

/** If-None-Match holds a list, weak or strong; any one naming these bytes will do. */
export function etagMatches(header: string | null, etag: string): boolean {
  return (header ?? "").split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}
