import "server-only";
import path from "node:path";
import type { StorageConfig } from "@/lib/config";
import { createFileImageStore } from "../file-image-store";
import { createS3ImageStore } from "../s3-image-store";
import type { ImageFiles } from "../types";
import { copyImages, imageIds } from "./copy-images";
import { type BatchHook, copyTable } from "./copy-rows";
import { finishMarker, readMarkers, targetHasRows, writeMarker } from "./marker";
import { CopyError, checkTargetUrl, describeUrl, openSource, openTarget } from "./open-ends";
import type { ProgressSink } from "./progress";
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
  images: { copied: number; skipped: number; missingAtSource: string[]; storage: "files" | "s3" };
  verification: Verification;
};

/**
 * Copies an embedded data folder into Postgres (and, with storage s3, its image bytes into a
 * bucket), resumably, then checks row counts and image hashes. Refuses a target that has rows
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
      const ids = await imageIds(source.db);
      const images =
        options.storage.kind === "s3"
          ? await copyImages(ids, from, to, { progress: options.progress })
          : { copied: 0, skipped: 0, missingAtSource: [] };

      const batchesSoFar = { n: 0 };
      for (const table of TABLES_IN_ORDER) {
        await copyTable(source.db, target, table, {
          batchSize: options.batchSize ?? 500,
          progress: options.progress,
          onBatch: options.onBatch,
          batchesSoFar,
        });
      }

      const verification = await verifyCopy(
        source.db,
        target,
        ids,
        { from, to },
        {
          force: Boolean(options.force),
          progress: options.progress,
        },
      );
      if (verification.ok) await finishMarker(target, sourceKey, runId);
      return { resumed, images: { ...images, storage: options.storage.kind }, verification };
    } finally {
      await target.destroy();
    }
  } finally {
    await source.db.destroy();
  }
}

export { CopyError };
