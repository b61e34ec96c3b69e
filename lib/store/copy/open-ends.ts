import "server-only";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../database";
import { migrateToLatest } from "../migrations";
import { openPostgres } from "../open-postgres";
import { DB_FILENAME, openSqlite } from "../open-sqlite";

/** A problem a person can fix, said in one line; the script prints it and exits 1. */
export class CopyError extends Error {
  override name = "CopyError";
}

/** postgres:// or postgresql:// with a host (or ?host= for a socket), as DATABASE_URL is checked. */
export function checkTargetUrl(value: string | undefined): string {
  if (!value)
    throw new CopyError("--to is required: the target database, like --to postgres://user@host:5432/promptsmith");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CopyError("--to is not a URL; it must look like postgres://user@host:5432/promptsmith");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new CopyError(`--to must be a postgres:// or postgresql:// URL, not ${url.protocol}//`);
  }
  if (url.hostname === "" && !url.searchParams.has("host")) throw new CopyError("--to names no host");
  return value;
}

/** Host and database only: never the user or the password. */
export function describeUrl(value: string): string {
  const { host, pathname } = new URL(value);
  return `${host}${pathname}`;
}

/**
 * The data folder's SQLite file, brought to the current schema first (as the app does on start,
 * so a folder from an older release copies into today's tables). Checked before opening:
 * opening would create an empty file.
 */
export async function openSource(dataDir: string): Promise<{ db: Kysely<Database>; file: string }> {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new CopyError(
      `DATA_DIR ${dataDir} does not exist or is not a folder (set DATA_DIR to the data folder to copy)`,
    );
  }
  const file = path.join(dataDir, DB_FILENAME);
  if (!existsSync(file)) throw new CopyError(`DATA_DIR ${dataDir} holds no ${DB_FILENAME}: nothing to copy`);
  const db = openSqlite({ dataDir });
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (e) {
    await db.destroy();
    throw new CopyError(`${file} cannot be read as a Promptsmith database: ${(e as Error).message}`);
  }
  return { db, file };
}

/** The innermost reason pg gives (ECONNREFUSED 127.0.0.1:5433, database "x" does not exist…). */
function reason(e: unknown): string {
  let err: unknown = e;
  for (let depth = 0; depth < 5; depth++) {
    if (err instanceof AggregateError && err.errors.length > 0) err = err.errors[0];
    else if (err instanceof Error && err.cause instanceof Error) err = err.cause;
    else break;
  }
  const { message, code } = (err ?? {}) as { message?: string; code?: string };
  return message || code || String(e);
}

/** The target, reached and migrated (the app's migrations, under Kysely's lock), or a clear error. */
export async function openTarget(url: string): Promise<Kysely<Database>> {
  const db = openPostgres(url);
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (e) {
    await db.destroy().catch(() => undefined);
    throw new CopyError(`--to: the Postgres database ${describeUrl(url)} cannot be used: ${reason(e)}`);
  }
  return db;
}
