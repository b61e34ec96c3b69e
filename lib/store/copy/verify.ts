import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "../database";
import type { ImageFiles } from "../types";
import { imageHash, sha256 } from "./image-hashes";
import { loose } from "./loose-db";
import { type ProgressSink, progressOf } from "./progress";
import { TABLES_IN_ORDER, type TableName } from "./tables";

export type TableCheck = { table: TableName; source: number; target: number };
export type ImageCheck = {
  count: number;
  /** sha256 over every image's `id sha256` line, in id order: equal digests mean equal bytes throughout. */
  sourceDigest: string;
  targetDigest: string;
  /** Ids whose bytes differ, or are missing, on the target. */
  mismatched: string[];
};
export type Verification = { tables: TableCheck[]; images: ImageCheck; ok: boolean };

async function count(db: Kysely<Database>, table: TableName): Promise<number> {
  const row = await loose(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Row counts per table on both sides, and the sha256 of every image's bytes at the source and
 * at the target (the same folder when the images stay as files: then it proves each row's file
 * is there and readable). With `force` the target may hold more rows than the source (it was
 * not empty); it may never hold fewer.
 */
export async function verifyCopy(
  source: Kysely<Database>,
  target: Kysely<Database>,
  ids: string[],
  files: { from: ImageFiles; to: ImageFiles },
  opts: { force: boolean; progress: ProgressSink },
): Promise<Verification> {
  const tables: TableCheck[] = [];
  for (const table of TABLES_IN_ORDER) {
    tables.push({ table, source: await count(source, table), target: await count(target, table) });
  }
  const progress = progressOf("checking images", ids.length, opts.progress);
  const sourceLines: string[] = [];
  const targetLines: string[] = [];
  const mismatched: string[] = [];
  for (const id of ids) {
    const [a, b] = await Promise.all([imageHash(files.from, id), imageHash(files.to, id)]);
    sourceLines.push(`${id} ${a ?? "missing"}`);
    targetLines.push(`${id} ${b ?? "missing"}`);
    if (a !== b) mismatched.push(id);
    progress.add(1);
  }
  progress.end();
  const digest = (lines: string[]) => sha256(Buffer.from(lines.join("\n")));
  const images = {
    count: ids.length,
    sourceDigest: digest(sourceLines),
    targetDigest: digest(targetLines),
    mismatched,
  };
  const rowsOk = tables.every((t) => (opts.force ? t.target >= t.source : t.target === t.source));
  return { tables, images, ok: rowsOk && mismatched.length === 0 };
}
