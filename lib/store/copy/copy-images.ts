import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "../database";
import type { ImageFiles } from "../types";
import { imageHash, sha256 } from "./image-hashes";
import { type ProgressSink, progressOf } from "./progress";

/** Every image row's id, in a stable order (bytes with no row are the app's to sweep, not to copy). */
export async function imageIds(source: Kysely<Database>): Promise<string[]> {
  const rows = await source.selectFrom("images").select("id").orderBy("id").execute();
  return rows.map((r) => r.id);
}

/**
 * Copies each image's bytes through the target's ImageFiles.put (which makes its thumbnail, as a
 * new image would get). An object already on the target with the same sha256 is left alone, so a
 * second run after an interruption sends only what is missing or different. Run before the rows:
 * as in the app, no row on the target ever names bytes that are not there yet.
 * Returns the ids with no bytes at the source (reported, not copied).
 */
export async function copyImages(
  ids: string[],
  from: ImageFiles,
  to: ImageFiles,
  opts: { progress: ProgressSink; onImage?: (done: number) => void | Promise<void> },
): Promise<{ copied: number; skipped: number; missingAtSource: string[] }> {
  const present = new Set(await to.listIds());
  const progress = progressOf("image bytes", ids.length, opts.progress);
  let copied = 0;
  let skipped = 0;
  const missingAtSource: string[] = [];
  for (const id of ids) {
    const found = await from.read(id, "full");
    if (!found) missingAtSource.push(id);
    else if (present.has(id) && (await imageHash(to, id)) === sha256(found.bytes)) skipped++;
    else {
      await to.put(id, found.bytes, found.mime);
      copied++;
    }
    progress.add(1);
    await opts.onImage?.(copied + skipped);
  }
  progress.end();
  return { copied, skipped, missingAtSource };
}
