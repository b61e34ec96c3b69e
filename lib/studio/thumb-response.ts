import "server-only";
import { createHash } from "node:crypto";
import { thumbVersion } from "@/lib/client/thumb-version";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { etagMatches, sniffImageType } from "@/lib/http/image-file-response";
import { deps } from "./deps";
import { type HotThumb, hotThumbKey, sharedHotThumbs } from "./hot-thumbs";

/*
 * GET /api/images/:id/thumb (issue 12). A thumbnail's URL carries its version (`?v=`, the first
 * 16 hex digits of its full image's SHA-256, lib/client/thumb-version.ts), which the pages render
 * from the image's stored content hash:
 * - the right version: a year, immutable, with a strong ETag; after the first time the bytes come
 *   from memory (hot-thumbs.ts), and the server hook answers repeats before Next
 *   (lib/http/thumb-fast-lane.ts);
 * - no version or another one (an old link, an image stored before migration 0012): the same
 *   bytes, revalidated every time (no-cache), so nothing is kept for good under a URL that does
 *   not name its bytes.
 * An If-None-Match naming the ETag is 304 either way.
 */

const OPAQUE = "application/octet-stream";

/**
 * The answer's headers, here and in the fast lane. Behind the password gate (APP_PASSWORD) it is
 * `private`: a shared cache (a CDN, an office proxy) must not hand an owner's thumbnail to someone
 * who never signed in; without the gate anyone may ask the app itself, so `public`.
 */
export function thumbHeaders(thumb: Pick<HotThumb, "type" | "etag">, current: boolean): Record<string, string> {
  const scope = getConfig().appPassword ? "private" : "public";
  return {
    "Content-Type": thumb.type,
    "Cache-Control": current ? `${scope}, max-age=31536000, immutable` : `${scope}, no-cache`,
    ETag: thumb.etag,
    "X-Content-Type-Options": "nosniff",
    // Bytes that are no image of ours (a file swapped on disk) are a download, never rendered.
    ...(thumb.type === OPAQUE ? { "Content-Disposition": 'attachment; filename="thumbnail"' } : {}),
  };
}

export async function thumbResponse(request: Request, id: string): Promise<Response> {
  const image = await deps().store.getImage(id);
  if (!image) throw new AppError("not_found", "The image was not found.");
  const asked = new URL(request.url).searchParams.get("v");
  const version = image.contentHash ? thumbVersion(image.contentHash) : undefined;
  const thumb = await readThumb(id, version);
  const headers = thumbHeaders(thumb, version !== undefined && asked === version);
  if (etagMatches(request.headers.get("if-none-match"), thumb.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers["Content-Length"] = String(thumb.bytes.byteLength);
  return new Response(thumb.bytes, { headers });
}

/**
 * The thumbnail with its type and strong ETag: from memory by content address, else from the
 * image files (which make a missing one). The store has just said the image exists: the entry is
 * verified now. Without a content hash the ETag is the thumbnail's own hash, made on each read
 * (such thumbnails are not kept in memory: nothing names their bytes).
 */
async function readThumb(id: string, version: string | undefined): Promise<HotThumb> {
  const hot = sharedHotThumbs();
  const key = version && hotThumbKey(id, version);
  const cached = key ? hot.get(key) : undefined;
  if (cached) {
    cached.verifiedAt = Date.now();
    return cached;
  }
  const stored = await deps().files.read(id, "thumb");
  if (!stored) throw new AppError("not_found", "The image file is missing.");
  const type = sniffImageType(stored.bytes) ?? OPAQUE;
  const tag = version ?? createHash("sha256").update(stored.bytes).digest("hex").slice(0, 16);
  // One copy into an ArrayBuffer of its own, which every answer then sends as it is.
  const thumb = { bytes: new Uint8Array(stored.bytes), type, etag: `"t${tag}"`, verifiedAt: Date.now() };
  if (key) hot.set(key, thumb);
  return thumb;
}
