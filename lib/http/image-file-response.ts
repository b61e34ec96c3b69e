import "server-only";
import { parseQuery } from "./parse";
import { DownloadQuerySchema } from "@/lib/schemas/api";
import type { Image } from "@/lib/schemas/entities";

const EXT: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/** Image bytes with their real type; ids never change their bytes, so they cache for a year. */
export function imageFileResponse(
  request: Request,
  image: Image,
  file: { bytes: Buffer; mime: string },
  kind: "full" | "thumb",
): Response {
  const { download } = parseQuery(request.url, DownloadQuerySchema);
  const headers: Record<string, string> = {
    "Content-Type": file.mime,
    "Content-Length": String(file.bytes.byteLength),
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
  };
  if (download === "1" || download === "true") {
    const name = `promptsmith-${image.id}${kind === "thumb" ? "-thumb" : ""}.${EXT[file.mime] ?? "bin"}`;
    headers["Content-Disposition"] = `attachment; filename="${name}"`;
  }
  return new Response(new Uint8Array(file.bytes), { headers });
}
