import "server-only";
import { AppError } from "@/lib/errors";
import type { ImageFiles } from "../types";
import { sha256, type ThumbnailHashes } from "./image-hashes";
import { type ProgressSink, progressOf } from "./progress";

export type ImageCheck = {
  count: number;
  /**
   * sha256 over every image's `id full-sha256 thumbnail-sha256` line, in id order: on the source
   * side the thumbnail is the one the target's put makes of the source's bytes (image-hashes.ts).
   * Equal digests mean equal bytes and thumbnails throughout.
   */
  sourceDigest: string;
  targetDigest: string;
  /** Ids whose full bytes differ, or are missing, on the target. */
  mismatched: string[];
  /** Ids whose full bytes match but whose thumbnail differs or is missing on the target. */
  thumbnailsMismatched: string[];
  /** With the images left in DATA_DIR (source and target one folder): ids with no thumbnail file there. */
  thumbnailsMissing: string[];
};

/**
 * The sha256 of every image's bytes and thumbnail at the source and at the target. When the
 * images stay as files, source and target are the same folder: the check then proves each row's
 * file and thumbnail are there and readable, and a thumbnail lost from the folder is reported
 * (the copy does not write into the source's folder).
 */
export async function checkImages(
  ids: string[],
  files: { from: ImageFiles; to: ImageFiles },
  opts: { progress: ProgressSink; thumbnails: ThumbnailHashes },
): Promise<ImageCheck> {
  const sameStore = files.from === files.to;
  const progress = progressOf("checking images", ids.length, opts.progress);
  const sourceLines: string[] = [];
  const targetLines: string[] = [];
  const result = {
    mismatched: [] as string[],
    thumbnailsMismatched: [] as string[],
    thumbnailsMissing: [] as string[],
  };
  for (const id of ids) {
    const full = await files.from.read(id, "full");
    let source: [string, string];
    let target: [string, string];
    if (sameStore) {
      const thumb = await files.from.read(id, "thumb", { make: false });
      source = [full ? sha256(full.bytes) : "missing", thumb ? sha256(thumb.bytes) : "missing"];
      target = source;
      if (full && !thumb) result.thumbnailsMissing.push(id);
    } else {
      let expected = "missing";
      if (full) {
        expected = await opts.thumbnails(id, full).catch((e: unknown) => {
          if (e instanceof AppError && e.code === "invalid_request") return "unreadable";
          throw e;
        });
      }
      source = [full ? sha256(full.bytes) : "missing", expected];
      const [theirFull, theirThumb] = await Promise.all([
        files.to.read(id, "full"),
        files.to.read(id, "thumb", { make: false }),
      ]);
      target = [theirFull ? sha256(theirFull.bytes) : "missing", theirThumb ? sha256(theirThumb.bytes) : "missing"];
    }
    sourceLines.push(`${id} ${source.join(" ")}`);
    targetLines.push(`${id} ${target.join(" ")}`);
    if (source[0] !== target[0]) result.mismatched.push(id);
    else if (source[1] !== target[1]) result.thumbnailsMismatched.push(id);
    progress.add(1);
  }
  progress.end();
  const digest = (lines: string[]) => sha256(Buffer.from(lines.join("\n")));
  return { count: ids.length, sourceDigest: digest(sourceLines), targetDigest: digest(targetLines), ...result };
}
