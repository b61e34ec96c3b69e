import "server-only";
import path from "node:path";
import type { StorageConfig } from "@/lib/config";
import { createFileImageStore } from "../file-image-store";
import { createS3ImageStore } from "../s3-image-store";
import type { ImageFiles } from "../types";
import { copyImages, type ImageCopy, imageIds } from "./copy-images";
import { type BatchHook, copyTable, type TableWrites } from "./copy-rows";
import { thumbnailHashes } from "./image-hashes";
import { finishMarker, readMarkers, targetHasRows, writeMarker } from "./marker";
import { describeNulFix, type NulFix } from "./nul-text";
import { CopyError, checkTargetUrl, describeUrl, openSource, openTarget } from "./open-ends";
import type { ProgressSink } from "./progress";
import { inSourceSnapshot } from "./source-snapshot";
import { TABLES_IN_ORDER } from "./tables";
import { type Verification, verifyCopy } from "./verify";

export type CopyOptions = {
  /** The data folder (DATA_DIR): promptsmith.db and images/. */
  dataDir: string;
  /** The target database: postgres://… */
  to: string;
  /** Where the target keeps image bytes: the same DATA_DIR/images (files), or a bucket. */
  storage: StorageConfig;
  force?: boolean;
  batchSize?: number;
  progress: ProgressSink;
  /** Tests: called after each committed batch (throw to interrupt a copy midway). */
  onBatch?: BatchHook;
};

export type CopyResult = {
  resumed: boolean;
  images: ImageCopy & { storage: "files" | "s3" };
  /** Per table, in copy order: rows inserted and rows updated on the target by this run. */
  rows: TableWrites[];
  /** Rows whose text held U+0000, removed on the way (each also said on progress as it was met). */
  nulFixes: NulFix[];
  /**
   * Someone wrote to the source database while this run copied it (an embedded server still
   * running). The copy is of one consistent moment, but not of the latest: run it again stopped.
   */
  sourceChanged: boolean;
  verification: Verification;
};

/**
 * Copies an embedded data folder into Postgres (and, with storage s3, its image bytes into a
 * bucket), resumably, then checks every row's content and every image's bytes and thumbnail.
 * A re-run brings rows changed at the source since up to date. Refuses a target that has rows
 * from elsewhere unless `force`. Throws CopyError for what a person must fix.
 */
export async function copyDataFolder(options: CopyOptions): Promise<CopyResult> {
  const url = checkTargetUrl(options.to);
  const dataDir = path.resolve(options.dataDir);
  const source = await openSource(dataDir);
  try {
    const target = await openTarget(url);
    try {
      const sourceKey = path.resolve(source.file);
      const markers = await readMarkers(target);
      const resumed = markers.some((m) => m.source === sourceKey);
      if (!resumed && !options.force && (await targetHasRows(target))) {
        const from = markers.length > 0 ? ` (copied from ${markers.map((m) => m.source).join(", ")})` : "";
        throw new CopyError(
          `the target ${describeUrl(url)} already holds Promptsmith rows${from} and is not a copy of ${sourceKey} in progress; ` +
            "copy into an empty database, or pass --force to add these rows to it",
        );
      }
      const runId = await writeMarker(target, sourceKey);
      if (resumed) options.progress(`resuming the copy of ${sourceKey} into ${describeUrl(url)}`);

      const from = createFileImageStore(path.join(dataDir, "images"));
      const to: ImageFiles = options.storage.kind === "s3" ? createS3ImageStore(options.storage) : from;
      const thumbnails = thumbnailHashes();
      const { value, sourceChanged } = await inSourceSnapshot(source.db, async (snapshot) => {
        const ids = await imageIds(snapshot);
        const images =
          options.storage.kind === "s3"
            ? await copyImages(ids, from, to, { progress: options.progress, thumbnails })
            : { copied: 0, thumbnailsRewritten: 0, skipped: 0, missingAtSource: [] };

        const batchesSoFar = { n: 0 };
        const rows: TableWrites[] = [];
        const nulFixes: NulFix[] = [];
        for (const table of TABLES_IN_ORDER) {
          rows.push(
            await copyTable(snapshot, target, table, {
              batchSize: options.batchSize ?? 500,
              progress: options.progress,
              onBatch: options.onBatch,
              onNul: (fix) => {
                nulFixes.push(fix);
                options.progress(describeNulFix(fix));
              },
              batchesSoFar,
            }),
          );
        }

        const verification = await verifyCopy(
          snapshot,
          target,
          ids,
          { from, to },
          { force: Boolean(options.force), progress: options.progress, thumbnails },
        );
        return { images, rows, nulFixes, verification };
      });
      // finished_at means: checked out against the source as it is; a moment that has passed is not that.
      if (value.verification.ok && !sourceChanged) await finishMarker(target, sourceKey, runId);
      return {
        resumed,
        ...value,
        images: { ...value.images, storage: options.storage.kind },
        sourceChanged,
      };
    } finally {
      await target.destroy();
    }
  } finally {
    await source.db.destroy();
  }
}

export { CopyError };
