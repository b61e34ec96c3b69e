import "server-only";
import type { CopyResult } from "./copy-data-folder";
import { formatCount } from "./progress";

/** The check's figures, one table a line, then the images; and what failed, if anything did. */
export function reportLines(result: CopyResult): string[] {
  const { verification: v, images } = result;
  const lines = v.tables.map(
    (t) =>
      `${t.table.padEnd(18)} source ${formatCount(t.source).padStart(9)}  target ${formatCount(t.target).padStart(9)}  ${
        t.source === t.target ? "ok" : "DIFFERENT"
      }`,
  );
  lines.push(
    `images             ${formatCount(v.images.count)} checked by sha256; source ${v.images.sourceDigest.slice(0, 16)}…, target ${v.images.targetDigest.slice(0, 16)}…`,
  );
  lines.push(
    images.storage === "s3"
      ? `image bytes: ${formatCount(images.copied)} copied to the bucket, ${formatCount(images.skipped)} already there`
      : "image bytes: left in DATA_DIR/images; start the app with STORAGE=files and this same DATA_DIR",
  );
  if (images.missingAtSource.length > 0) {
    lines.push(
      `warning: ${images.missingAtSource.length} image rows have no bytes in the source: ${images.missingAtSource.slice(0, 5).join(", ")}`,
    );
  }
  if (v.images.mismatched.length > 0) {
    lines.push(
      `MISMATCH: ${v.images.mismatched.length} images differ or are missing on the target: ${v.images.mismatched.slice(0, 10).join(", ")}`,
    );
  }
  return lines;
}
