import "server-only";
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../database";
import { nextBatch } from "./copy-rows";
import { type LooseDb, loose, type Row } from "./loose-db";
import { withoutNul } from "./nul-text";
import { type ProgressSink, progressOf } from "./progress";
import { canonicalRow } from "./row-digest";
import { describeKey, keyColumns, type TableName } from "./tables";

export type TableCheck = {
  table: TableName;
  source: number;
  target: number;
  /**
   * sha256 over every source row (cleaned of U+0000 as the copy cleans it), one canonical line
   * each (row-digest.ts), in the source's order; and over the target's row of the same key, in
   * the same order ("missing" where there is none); each ends with its side's row count. Equal
   * digests mean the target holds exactly the source's rows, every column equal (with --force:
   * the source's rows among others).
   */
  sourceDigest: string;
  targetDigest: string;
  /** Keys of rows that differ or are missing on the target (the first few), and how many in all. */
  differing: string[];
  differingCount: number;
  ok: boolean;
};

const SHOWN = 10;
const BATCH = 500;

async function count(db: LooseDb, table: TableName): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The target's rows with these keys, by key (describeKey), in one query. */
async function targetRows(db: LooseDb, table: TableName, rows: Row[]): Promise<Map<string, Row>> {
  const [first] = keyColumns(table);
  if (!first) return new Map();
  // One key column narrows the query (a comparison's cells share comparison_id); the whole key picks.
  const found: Row[] = await db
    .selectFrom(table)
    .selectAll()
    .where(
      first,
      "in",
      [...new Set(rows.map((r) => r[first]))].filter((v) => v !== undefined),
    )
    .execute();
  return new Map(found.map((r) => [describeKey(table, r), r]));
}

/**
 * Compares one table, every column of every row, source against target, and says which rows
 * differ. With `force` the target may hold more rows than the source (it was not empty); it
 * may never hold fewer, nor any row of the source's keys with other values.
 */
export async function checkTable(
  source: Kysely<Database>,
  target: Kysely<Database>,
  table: TableName,
  opts: { force: boolean; progress: ProgressSink },
): Promise<TableCheck> {
  const from = loose(source);
  const to = loose(target);
  const sourceCount = await count(from, table);
  const targetCount = await count(to, table);
  const progress = progressOf(`checking ${table}`, sourceCount, opts.progress);
  const sourceHash = createHash("sha256");
  const targetHash = createHash("sha256");
  const differing: string[] = [];
  let differingCount = 0;
  let missing = 0;
  let after: Row | undefined;
  for (;;) {
    const raw = await nextBatch(from, table, after, BATCH);
    if (raw.length === 0) break;
    const rows = raw.map((r) => withoutNul(table, r).row);
    const onTarget = await targetRows(to, table, rows);
    for (const row of rows) {
      const key = describeKey(table, row);
      const theirs = onTarget.get(key);
      const mine = canonicalRow(row);
      const line = theirs ? canonicalRow(theirs) : "missing";
      if (!theirs) missing++;
      sourceHash.update(`${mine}\n`);
      targetHash.update(`${line}\n`);
      if (line !== mine) {
        differingCount++;
        if (differing.length < SHOWN) differing.push(key);
      }
    }
    after = raw.at(-1);
    progress.add(raw.length);
  }
  progress.end();
  // Last, each side's number of rows: a row the target has beyond the source's changes its
  // digest too. With --force the target's other rows were there before and are not the copy's.
  sourceHash.update(`rows ${sourceCount}\n`);
  targetHash.update(`rows ${opts.force ? sourceCount - missing : targetCount}\n`);
  const sourceDigest = sourceHash.digest("hex");
  const targetDigest = targetHash.digest("hex");
  const countsOk = opts.force ? targetCount >= sourceCount : targetCount === sourceCount;
  return {
    table,
    source: sourceCount,
    target: targetCount,
    sourceDigest,
    targetDigest,
    differing,
    differingCount,
    ok: countsOk && sourceDigest === targetDigest,
  };
}
