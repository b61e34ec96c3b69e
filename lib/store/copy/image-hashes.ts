import "server-only";
import { createHash } from "node:crypto";
import { formatForMime, makeThumbnail } from "../image-format";
import type { ImageFiles } from "../types";

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The sha256 of an image's full bytes or stored thumbnail, or undefined when the storage has none. */
export async function imageHash(files: ImageFiles, id: string, kind: "full" | "thumb" = "full") {
  const found = await files.read(id, kind, { make: false });
  return found && sha256(found.bytes);
}

/**
 * The sha256 of the thumbnail the target should hold for an image: the one its put makes of the
 * source's bytes, with this build's code. Not the source's own thumbnail file: one made by an
 * older release (another sharp) may differ byte for byte, and the copy could never match it.
 * Remembered per id and full-bytes hash: the copy and the check ask for the same images.
 */
export function thumbnailHashes() {
  const known = new Map<string, string>();
  return async (id: string, full: { bytes: Buffer; mime: string }): Promise<string> => {
    const key = `${id} ${sha256(full.bytes)}`;
    let hash = known.get(key);
    if (!hash) {
      hash = sha256(await makeThumbnail(full.bytes, formatForMime(full.mime)));
      known.set(key, hash);
    }
    return hash;
  };
}
export type ThumbnailHashes = ReturnType<typeof thumbnailHashes>;
