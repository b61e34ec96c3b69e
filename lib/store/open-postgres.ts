import "server-only";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { log } from "@/lib/log";
import type { Database } from "./database";

/**
 * Values as SQLite hands them to the row mapping: bigint columns and count(*) as numbers (pg
 * gives strings, to be safe beyond 2^53; SQLite's driver gives numbers too). The columns are
 * text, double precision and bigint only (migrations/dialect.ts), so no Date ever appears.
 */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Opens nothing yet: the pool is made, and connects, on the first query. */
export function openPostgres(connectionString: string): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: async () => {
        const pool = new pg.Pool({
          connectionString,
          types,
          application_name: "promptsmith",
          // An unreachable server fails the request instead of hanging it.
          connectionTimeoutMillis: 10_000,
        });
        // An idle connection dropped by the server (restart, failover) is reported here; without
        // a listener it would crash the process. The next query opens a fresh one.
        pool.on("error", (error) => log.warn("postgres: an idle connection failed", { error }));
        return pool;
      },
    }),
  });
}
