import "server-only";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./database";
import { storeOver } from "./kysely-store";
import { migrateToLatest } from "./migrations";
import { openSqlite, type SqliteLocation } from "./open-sqlite";
import type { Store } from "./types";

/**
 * The Store on SQLite. Opening is synchronous (a bad path fails here, at startup); migrations
 * are async in Kysely, so every call waits for them, and a failed migration fails every call.
 */
export function createSqliteStore(opts: SqliteLocation = {}): Store {
  const db = openSqlite(opts);
  const ready: Promise<Kysely<Database>> = migrateToLatest(db as Kysely<unknown>).then(() => db);
  // Reported to the first caller; without this a store nobody uses would crash the process.
  ready.catch(() => undefined);

  let closed: Promise<void> | undefined;

  return storeOver({
    read: async (fn) => fn(await ready),
    // One connection behind Kysely's mutex: a transaction holds it, so writes never interleave.
    write: async <T>(fn: (trx: Transaction<Database>) => Promise<T>) => (await ready).transaction().execute(fn),
    close() {
      closed ??= ready.then(
        () => db.destroy(),
        () => db.destroy(),
      );
      return closed;
    },
  });
}
