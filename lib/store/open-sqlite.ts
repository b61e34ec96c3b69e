import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely } from "kysely";
import { getConfig } from "@/lib/config";
import type { Database } from "./database";
import { FOLD_FUNCTION, foldCase } from "./text-search";
import { TransactionalSqliteDialect } from "./transactional-sqlite-dialect";

export const DB_FILENAME = "promptsmith.db";

export type SqliteLocation = {
  /** Defaults to getConfig().dataDir. */
  dataDir?: string;
  /** A name inside dataDir, an absolute path, or ":memory:" (tests). Defaults to promptsmith.db. */
  filename?: string;
};

export function resolveDbPath({ dataDir, filename = DB_FILENAME }: SqliteLocation): string {
  if (filename === ":memory:") return filename;
  return path.resolve(/*turbopackIgnore: true*/ dataDir ?? getConfig().dataDir, filename);
}

/** Opens (creating as needed) the file with the connection settings the store relies on. */
export function openSqlite(location: SqliteLocation): Kysely<Database> {
  const file = resolveDbPath(location);
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });

  const sqlite = new BetterSqlite3(file);
  try {
    // WAL lets readers (gallery pages) proceed while a generation writes; NORMAL is safe under WAL.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    // Off by default in SQLite, and the cascades from ideas downwards depend on it.
    sqlite.pragma("foreign_keys = ON");
    // Another process (a script, a second dev server) holding the write lock: wait, don't fail.
    sqlite.pragma("busy_timeout = 5000");
    sqlite.function(FOLD_FUNCTION, { deterministic: true }, (value: unknown) =>
      typeof value === "string" ? foldCase(value) : value,
    );
  } catch (e) {
    sqlite.close();
    throw e;
  }
  return new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: sqlite }) });
}
