import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "../database";
import { type LooseDb, loose, type Row } from "./loose-db";
import { type ProgressSink, progressOf } from "./progress";
import type { TableName } from "./tables";

export type BatchHook = (table: TableName, batch: number) => void | Promise<void>;

/**
 * The next batch in a stable order. Tables with created_at go by (created_at, id), and a batch
 * always takes every row of its last created_at: a version's child is made after its parent
 * (created_at ≥ the parent's), so a parent is either in an earlier batch or in the same INSERT,
 * where Postgres checks the foreign key at the end of the statement. comparison_cells has no
 * time: its rows only point at other tables, copied before it.
 */
async function nextBatch(db: LooseDb, table: TableName, after: Row | undefined, size: number): Promise<Row[]> {
  if (table === "comparison_cells") {
    let q = db.selectFrom(table).selectAll().orderBy("comparison_id").orderBy("position").limit(size);
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb("comparison_id", ">", after.comparison_id),
          eb.and([eb("comparison_id", "=", after.comparison_id), eb("position", ">", after.position)]),
        ]),
      );
    }
    return q.execute();
  }
  let q = db.selectFrom(table).selectAll().orderBy("created_at").orderBy("id").limit(size);
  if (after) q = q.where("created_at", ">", after.created_at);
  const rows: Row[] = await q.execute();
  const last = rows.at(-1);
  if (rows.length < size || !last) return rows;
  const sameTime: Row[] = await db
    .selectFrom(table)
    .selectAll()
    .where("created_at", "=", last.created_at)
    .where("id", ">", last.id)
    .orderBy("id")
    .execute();
  return rows.concat(sameTime);
}

/**
 * Copies one table in batches, each batch one transaction on the target. A row whose key is
 * already there is skipped (ON CONFLICT DO NOTHING), so a run after an interruption picks up
 * where the last one stopped and never duplicates. Returns the source's row count.
 */
export async function copyTable(
  source: Kysely<Database>,
  target: Kysely<Database>,
  table: TableName,
  opts: { batchSize: number; progress: ProgressSink; onBatch?: BatchHook; batchesSoFar: { n: number } },
): Promise<number> {
  const from = loose(source);
  const to = loose(target);
  const { count } = await from
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  const total = Number(count);
  const progress = progressOf(table, total, opts.progress);
  let after: Row | undefined;
  for (;;) {
    const rows = await nextBatch(from, table, after, opts.batchSize);
    if (rows.length === 0) break;
    await to.transaction().execute((trx) =>
      trx
        .insertInto(table)
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .execute(),
    );
    after = rows.at(-1);
    progress.add(rows.length);
    opts.batchesSoFar.n++;
    await opts.onBatch?.(table, opts.batchesSoFar.n);
  }
  progress.end();
  return total;
}
