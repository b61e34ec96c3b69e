import "server-only";
import type { CopyResult } from "./copy-data-folder";
import { formatCount } from "./progress";

const short = (digest: string) => `${digest.slice(0, 16)}…`;
const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** The check's figures, one table a line, then the images; and what failed, if anything did. */
export function reportLines(result: CopyResult): string[] {
  const { verification: v, images } = result;
  const lines = v.tables.map(
    (t) =>
      `${t.table.padEnd(18)} source ${formatCount(t.source).padStart(9)}  target ${formatCount(t.target).padStart(9)}  ` +
      `digest ${short(t.sourceDigest)} ${t.sourceDigest === t.targetDigest ? "=" : "≠"} ${short(t.targetDigest)}  ${
        t.ok ? "ok" : "DIFFERENT"
      }`,
  );
  lines.push(
    `images             ${formatCount(v.images.count)} checked by sha256 with their thumbnails; source ${short(v.images.sourceDigest)}, target ${short(v.images.targetDigest)}`,
  );
  const inserted = result.rows.reduce((n, t) => n + t.inserted, 0);
  const updated = result.rows.filter((t) => t.updated > 0);
  const updatedCount = updated.reduce((n, t) => n + t.updated, 0);
  lines.push(
    `rows written: ${formatCount(inserted)} inserted, ${formatCount(updatedCount)} brought up to date${
      updated.length > 0 ? ` (${updated.map((t) => `${t.table} ${formatCount(t.updated)}`).join(", ")})` : ""
    }`,
  );
  lines.push(
    images.storage === "s3"
      ? `image bytes: ${formatCount(images.copied)} copied to the bucket, ${formatCount(images.thumbnailsRewritten)} re-sent for a missing or different thumbnail, ${formatCount(images.skipped)} already there`
      : "image bytes: left in DATA_DIR/images; start the app with STORAGE=files and this same DATA_DIR",
  );
  if (result.nulFixes.length > 0) {
    const byTable = new Map<string, number>();
    for (const fix of result.nulFixes) byTable.set(fix.table, (byTable.get(fix.table) ?? 0) + 1);
    lines.push(
      `text: removed U+0000 (which Postgres cannot hold) from ${plural(result.nulFixes.length, "row", "rows")}: ${[
        ...byTable,
      ]
        .map(([table, n]) => `${table} ${formatCount(n)}`)
        .join(", ")} (each named above)`,
    );
  }
  if (images.missingAtSource.length > 0) {
    lines.push(
      `warning: ${images.missingAtSource.length} image rows have no bytes in the source: ${images.missingAtSource.slice(0, 5).join(", ")}`,
    );
  }
  if (v.images.thumbnailsMissing.length > 0) {
    lines.push(
      `warning: ${v.images.thumbnailsMissing.length} images have no thumbnail in DATA_DIR/images: ${v.images.thumbnailsMissing.slice(0, 5).join(", ")}`,
    );
  }
  for (const t of v.tables) {
    if (t.differingCount > 0) {
      lines.push(
        `MISMATCH in ${t.table}: ${plural(t.differingCount, "row differs", "rows differ")} or ${t.differingCount === 1 ? "is" : "are"} missing on the target: ${t.differing.join(", ")}${t.differingCount > t.differing.length ? ", …" : ""}`,
      );
    }
    if (!t.ok && t.target !== t.source && t.differingCount === 0) {
      const n = plural(Math.abs(t.target - t.source), "row", "rows");
      lines.push(
        t.target > t.source
          ? `MISMATCH in ${t.table}: the target holds ${n} the source does not (written there since the copy, or deleted from the source); db:copy never deletes them`
          : `MISMATCH in ${t.table}: the target holds ${n} fewer than the source`,
      );
    }
  }
  if (v.images.mismatched.length > 0) {
    lines.push(
      `MISMATCH: ${v.images.mismatched.length} images differ or are missing on the target: ${v.images.mismatched.slice(0, 10).join(", ")}`,
    );
  }
  if (v.images.thumbnailsMismatched.length > 0) {
    lines.push(
      `MISMATCH: ${v.images.thumbnailsMismatched.length} thumbnails differ or are missing on the target: ${v.images.thumbnailsMismatched.slice(0, 10).join(", ")}`,
    );
  }
  return lines;
}

/** What the script prints and how it exits: the report on stdout, what went wrong on stderr. */
export function outcome(result: CopyResult): { stdout: string[]; stderr: string[]; exitCode: number } {
  const stdout = reportLines(result);
  const stderr: string[] = [];
  if (!result.verification.ok) {
    const tables: string[] = result.verification.tables.filter((t) => !t.ok).map((t) => t.table);
    const { images } = result.verification;
    if (images.mismatched.length > 0 || images.thumbnailsMismatched.length > 0) tables.push("image files");
    // Rows only the target has are not fixed by copying again: the team may already be using it.
    const extra = result.verification.tables.some((t) => !t.ok && t.target > t.source && t.differingCount === 0);
    stderr.push(
      extra
        ? `db:copy: the target holds rows its source does not have in ${tables.join(", ")} (see above): it has been used since the copy, or rows were deleted from the source; copying again will not change that`
        : `db:copy: the copy does not match its source in ${tables.join(", ")} (see above); run it again to resume, or look at the rows named`,
    );
  }
  if (result.sourceChanged) {
    stderr.push("db:copy: the source changed while copying; stop the server and run db:copy again");
  }
  if (stderr.length === 0) stdout.push("db:copy: done; every table and image matches");
  return { stdout, stderr, exitCode: stderr.length > 0 ? 1 : 0 };
}
