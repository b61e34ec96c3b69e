import "server-only";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database";
import { type LooseDb, loose, type Row } from "./loose-db";
import { type NulFix, withoutNul } from "./nul-text";
import { type ProgressSink, progressOf } from "./progress";
import { keyColumns, type TableName } from "./tables";

export type BatchHook = (table: TableName, batch: number) => void | Promise<void>;

/** What one table's copy did: rows new on the target, rows brought up to date, the rest already equal. */
export type TableWrites = { table: TableName; source: number; inserted: number; updated: number };

/**
 * The next batch in a stable order. Tables with created_at go by (created_at, id), and a batch
 * always takes every row of its last created_at: a version's child is made after its parent
 * (created_at ≥ the parent's), so a parent is either in an earlier batch or in the same INSERT,
 * where Postgres checks the foreign key at the end of the statement. comparison_cells has no
 * time: its rows only point at other tables, copied before it.
 */
export async function nextBatch(db: LooseDb, table: TableName, after: Row | undefined, size: number): Promise<Row[]> {
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
  if (table === "house_rules") {
    // Keyed by its version number (1, 2, 3…), which orders it too; nothing points at it.
    let q = db.selectFrom(table).selectAll().orderBy("version").limit(size);
    if (after) q = q.where("version", ">", after.version);
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
 * Inserts the rows, or updates those whose key is there already and whose columns differ
 * (IS DISTINCT FROM: NULL-safe, and an equal row is not rewritten). Returns how many of each:
 * RETURNING sees only the rows written, and xmax = 0 tells an insert from an update.
 */
async function upsert(db: LooseDb, table: TableName, rows: Row[]): Promise<{ inserted: number; updated: number }> {
  const keys = keyColumns(table);
  const first = rows[0];
  if (!first) return { inserted: 0, updated: 0 };
  const columns = Object.keys(first).filter((c) => !keys.includes(c));
  const tuple = (prefix: string) => sql.join(columns.map((c) => sql.ref(`${prefix}.${c}`)));
  const written = await db
    .insertInto(table)
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(keys as string[])
        .doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)])))
        .where(sql<boolean>`(${tuple(table)}) IS DISTINCT FROM (${tuple("excluded")})`),
    )
    .returning(sql<boolean>`xmax = 0`.as("inserted"))
    .execute();
  const inserted = written.filter((r) => r.inserted === true).length;
  return { inserted, updated: written.length - inserted };
}

/**
 * Copies one table in batches, each batch one transaction on the target. Each row is inserted,
 * or updated when its key is there with other values (a row changed at the source since an
 * earlier run, say a generation that was running then), so a run after an interruption or after
 * more use of the source picks up everything and never duplicates. Text holding U+0000 is
 * cleaned first (nul-text.ts), each such row handed to `onNul`.
 */
export async function copyTable(
  source: Kysely<Database>,
  target: Kysely<Database>,
  table: TableName,
  opts: {
    batchSize: number;
    progress: ProgressSink;
    onBatch?: BatchHook;
    onNul?: (fix: NulFix) => void;
    batchesSoFar: { n: number };
  },
): Promise<TableWrites> {
  const from = loose(source);
  const to = loose(target);
  const { count } = await from
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  const total = Number(count);
  const progress = progressOf(table, total, opts.progress);
  const writes: TableWrites = { table, source: total, inserted: 0, updated: 0 };
  let after: Row | undefined;
  for (;;) {
    const rows = await nextBatch(from, table, after, opts.batchSize);
    if (rows.length === 0) break;
    const clean = rows.map((raw) => {
      const { row, fix } = withoutNul(table, raw);
      if (fix) opts.onNul?.(fix);
      return row;
    });
    const { inserted, updated } = await to.transaction().execute((trx) => upsert(trx, table, clean));
    writes.inserted += inserted;
    writes.updated += updated;
    // The source's own values: the next batch is found where the source has them.
    after = rows.at(-1);
    progress.add(rows.length);
    opts.batchesSoFar.n++;
    await opts.onBatch?.(table, opts.batchesSoFar.n);
  }
  progress.end();
  return writes;
}
