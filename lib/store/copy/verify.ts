import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "../database";
import type { ImageFiles } from "../types";
import { type ImageCheck, checkImages } from "./check-images";
import { checkTable, type TableCheck } from "./check-rows";
import type { ThumbnailHashes } from "./image-hashes";
import type { ProgressSink } from "./progress";
import { TABLES_IN_ORDER } from "./tables";

export type { ImageCheck, TableCheck };
export type Verification = { tables: TableCheck[]; images: ImageCheck; ok: boolean };

/**
 * The check at the end of a copy: every table compared row by row and column by column through
 * a content digest of each side (check-rows.ts), and every image's bytes and thumbnail by
 * sha256 (check-images.ts). `ok` only when all of it agrees.
 */
export async function verifyCopy(
  source: Kysely<Database>,
  target: Kysely<Database>,
  ids: string[],
  files: { from: ImageFiles; to: ImageFiles },
  opts: { force: boolean; progress: ProgressSink; thumbnails: ThumbnailHashes },
): Promise<Verification> {
  const tables: TableCheck[] = [];
  for (const table of TABLES_IN_ORDER) tables.push(await checkTable(source, target, table, opts));
  const images = await checkImages(ids, files, opts);
  const ok = tables.every((t) => t.ok) && images.mismatched.length === 0 && images.thumbnailsMismatched.length === 0;
  return { tables, images, ok };
}
