/**
 * A Postgres database made for one bench run and dropped after it, on the machine's server
 * (127.0.0.1:5432, user postgres) or BENCH_POSTGRES_URL's.
 */
import pg from "pg";

export const BENCH_POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";

export type BenchDatabase = { url: string; drop(): Promise<void> };

/** Null when Postgres answers, else why not (where, never a password). */
export async function postgresProblem(): Promise<string | null> {
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    return null;
  } catch (e) {
    return `PostgreSQL does not answer at ${new URL(BENCH_POSTGRES_ADMIN_URL).host} (${(e as Error).message})`;
  } finally {
    await admin.end().catch(() => {});
  }
}

/** Throws when Postgres does not answer (the message says where, never a password). */
export async function createBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL does not answer at ${new URL(BENCH_POSTGRES_ADMIN_URL).host} (${(e as Error).message})`,
    );
  }
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
  const url = new URL(BENCH_POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = new pg.Client({ connectionString: BENCH_POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
      await again.connect();
      try {
        await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}
