import "server-only";
import type { Kysely } from "kysely";
import { AppError } from "@/lib/errors";
import type { Database } from "../database";
import type { ImageFiles } from "../types";
import { imageHash, sha256, type ThumbnailHashes } from "./image-hashes";
import { CopyError } from "./open-ends";
import { type ProgressSink, progressOf } from "./progress";

/** Every image row's id, in a stable order (bytes with no row are the app's to sweep, not to copy). */
export async function imageIds(source: Kysely<Database>): Promise<string[]> {
  const rows = await source.selectFrom("images").select("id").orderBy("id").execute();
  return rows.map((r) => r.id);
}

export type ImageCopy = {
  /** Sent because the target had no such object, or other bytes. */
  copied: number;
  /** Sent again because only the thumbnail was missing or different (a copy killed between the two PUTs). */
  thumbnailsRewritten: number;
  skipped: number;
  missingAtSource: string[];
};

/**
 * Copies each image's bytes through the target's ImageFiles.put (which makes its thumbnail, as a
 * new image would get). An image whose full object is already on the target with the same
 * sha256 and whose thumbnail is the one put would make is left alone, so a second run after an
 * interruption sends only what is missing or different. Run before the rows: as in the app, no
 * row on the target ever names bytes that are not there yet.
 */
export async function copyImages(
  ids: string[],
  from: ImageFiles,
  to: ImageFiles,
  opts: { progress: ProgressSink; thumbnails: ThumbnailHashes; onImage?: (done: number) => void | Promise<void> },
): Promise<ImageCopy> {
  const present = new Set(await to.listIds());
  const progress = progressOf("image bytes", ids.length, opts.progress);
  const result: ImageCopy = { copied: 0, thumbnailsRewritten: 0, skipped: 0, missingAtSource: [] };
  for (const id of ids) {
    try {
      const found = await from.read(id, "full");
      if (!found) result.missingAtSource.push(id);
      else {
        const fullThere = present.has(id) && (await imageHash(to, id)) === sha256(found.bytes);
        const thumbThere = fullThere && (await imageHash(to, id, "thumb")) === (await opts.thumbnails(id, found));
        if (thumbThere) result.skipped++;
        else {
          // ImageFiles has no thumbnail-only write: put sends both, the full bytes unchanged.
          await to.put(id, found.bytes, found.mime);
          if (fullThere) result.thumbnailsRewritten++;
          else result.copied++;
        }
      }
    } catch (e) {
      // A file in DATA_DIR/images that is not the image its row says: name it, not a stack.
      if (e instanceof AppError && e.code === "invalid_request") {
        throw new CopyError(`image ${id} in DATA_DIR/images cannot be copied: ${e.message}`);
      }
      throw e;
    }
    progress.add(1);
    await opts.onImage?.(result.copied + result.thumbnailsRewritten + result.skipped);
  }
  progress.end();
  return result;
}
