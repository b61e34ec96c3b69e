import "server-only";
import type { Kysely, Transaction } from "kysely";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Database } from "./database";
import { storeOver } from "./kysely-store";
import { migrateToLatest } from "./migrations";
import { openPostgres } from "./open-postgres";
import type { Store } from "./types";

/** SQLSTATEs after which running the same transaction again is the documented answer. */
const RETRYABLE = new Set(["40001", "40P01"]); // serialization_failure, deadlock_detected
const ATTEMPTS = 8;

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Errors that say the database cannot be reached or used at all (not that a query was wrong). */
function isUnreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = sqlState(e);
    // Socket errors (ECONNREFUSED, ENOTFOUND…); SQLSTATE classes 08 (connection) and 28 (authorization);
    // no such database; shutting down or starting up; too many connections.
    if (code && (/^E[A-Z]+$/.test(code) || /^(08|28)/.test(code) || /^(3D000|57P0[1-3]|53300)$/.test(code)))
      return true;
    if (/connection (timeout|terminated)/i.test(e.message)) return true;
  }
  return false;
}

const UNREACHABLE = "Promptsmith: DATABASE_URL: the Postgres database does not answer or refuses the connection.";

/**
 * SQLite stores U+0000 in text; Postgres cannot, so such input is bad input here, not a crash.
 * A database that does not answer is 503, as a backend that does not answer is.
 */
function translate(error: unknown): unknown {
  if (sqlState(error) === "22021") {
    return new AppError("invalid_request", "Text containing a NUL character (U+0000) cannot be stored.");
  }
  if (isUnreachable(error)) return new AppError("backend_unavailable", UNREACHABLE, { cause: error });
  return error;
}

const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));

/**
 * The Store on Postgres: the same queries as SQLite (kysely-store.ts) over a pool.
 *
 * SQLite runs every write alone, in the order called (one connection behind a mutex), and callers
 * lean on that order: the runner fires progress writes without waiting, and one fired before the
 * completion must not land after it. So this process's writes go one at a time too, in call
 * order; reads run side by side on the pool. Other processes (a script, later more instances)
 * write at the same time, so each write is also a SERIALIZABLE transaction: Postgres lets it
 * commit only if the outcome is one some serial order would give, and otherwise fails it with a
 * serialization failure, which is retried. So a read-then-write (starVersion: rename the entry or
 * insert one) stays correct across processes. Reads see one snapshot (REPEATABLE READ,
 * read-only), so a comparison and its cells, read in two queries, always agree.
 *
 * Nothing connects until the first call; that call runs the migrations (under Kysely's advisory
 * lock, so instances starting together take turns). A failed migration fails that call and is
 * tried again on the next one: a database that was briefly unreachable at start is not fatal.
 */
/** The Store, plus the migrated database for the parts of the job lifecycle that live in Postgres too. */
export type PostgresStore = Store & { database(): Promise<Kysely<Database>> };

export function createPostgresStore({ url }: { url: string }): PostgresStore {
  const db = openPostgres(url);
  let ready: Promise<void> | undefined;
  const migrated = (): Promise<void> => {
    ready ??= migrateToLatest(db as Kysely<unknown>).catch((error: unknown) => {
      ready = undefined;
      // The reason (host, user, pg's words) goes to the log; the error, which a request may show, names only the variable.
      if (isUnreachable(error)) log.error("store: Postgres does not answer", { error });
      throw translate(error);
    });
    return ready;
  };

  let closed: Promise<void> | undefined;
  // The tail of this process's writes: each starts when the one before has settled.
  let lastWrite: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lastWrite.then(fn, fn);
    lastWrite = run.catch(() => undefined);
    return run;
  };

  const store = storeOver({
    async read(fn) {
      await migrated();
      try {
        return await db.transaction().setIsolationLevel("repeatable read").setAccessMode("read only").execute(fn);
      } catch (error) {
        throw translate(error);
      }
    },
    write<T>(fn: (trx: Transaction<Database>) => Promise<T>) {
      return inTurn(async () => {
        await migrated();
        for (let attempt = 1; ; attempt++) {
          try {
            return await db.transaction().setIsolationLevel("serializable").execute(fn);
          } catch (error) {
            const state = sqlState(error);
            if (attempt >= ATTEMPTS || state === undefined || !RETRYABLE.has(state)) throw translate(error);
            await pause(attempt);
          }
        }
      });
    },
    close() {
      closed ??= (ready ?? Promise.resolve()).catch(() => undefined).then(() => db.destroy());
      return closed;
    },
  });
  return {
    ...store,
    async database() {
      await migrated();
      return db;
    },
  };
}
