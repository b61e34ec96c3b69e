import "server-only";
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../database";
import { loose } from "./loose-db";
import { TABLES_IN_ORDER } from "./tables";

/**
 * A row on the target saying which data folder is being copied into it, written before the
 * first row is. It tells a resume from a foreign database: a target that already has rows is
 * the same copy carried on only if its marker names this source (the SQLite file's absolute
 * path); rows alone cannot say whose they are. It is the copy's table, not the app's: no
 * migration knows it and the app never reads it; it stays as a record of where the rows came from.
 */
const MARKER = "promptsmith_copy";

export type Marker = { source: string; runId: string; startedAt: string; finishedAt: string | null };

async function ensureMarkerTable(target: Kysely<Database>): Promise<void> {
  await target.schema
    .createTable(MARKER)
    .ifNotExists()
    .addColumn("source", "text", (c) => c.primaryKey())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
}

/** Reads without creating: a refused run leaves the target as it found it (but for the app's migrations). */
export async function readMarkers(target: Kysely<Database>): Promise<Marker[]> {
  const tables = await target.introspection.getTables();
  if (!tables.some((t) => t.name === MARKER)) return [];
  const rows = await loose(target).selectFrom(MARKER).selectAll().execute();
  return rows.map((r) => ({
    source: String(r.source),
    runId: String(r.run_id),
    startedAt: String(r.started_at),
    finishedAt: r.finished_at == null ? null : String(r.finished_at),
  }));
}

/** True when any of the app's tables has a row. */
export async function targetHasRows(target: Kysely<Database>): Promise<boolean> {
  for (const table of TABLES_IN_ORDER) {
    if (await loose(target).selectFrom(table).selectAll().limit(1).executeTakeFirst()) return true;
  }
  return false;
}

/** Records (or re-records, on a resume) this run; returns its id. */
export async function writeMarker(target: Kysely<Database>, source: string): Promise<string> {
  await ensureMarkerTable(target);
  const runId = randomUUID();
  const startedAt = new Date().toISOString();
  await loose(target)
    .insertInto(MARKER)
    .values({ source, run_id: runId, started_at: startedAt, finished_at: null })
    .onConflict((oc) => oc.column("source").doUpdateSet({ run_id: runId, started_at: startedAt, finished_at: null }))
    .execute();
  return runId;
}

export async function finishMarker(target: Kysely<Database>, source: string, runId: string): Promise<void> {
  await loose(target)
    .updateTable(MARKER)
    .set({ finished_at: new Date().toISOString() })
    .where("source", "=", source)
    .where("run_id", "=", runId)
    .execute();
}
