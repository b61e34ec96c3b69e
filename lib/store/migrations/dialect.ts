import "server-only";
import { type ColumnDataType, type Expression, type Kysely, PostgresAdapter, sql } from "kysely";
import { FOLD_FUNCTION } from "../text-search";

/*
 * The one place where the schema differs between SQLite and Postgres. Everything else in the
 * migrations is Kysely's schema builder and the same SQL on both.
 */

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

type ColumnType = ColumnDataType | Expression<unknown>;

/**
 * Column types that behave on Postgres as SQLite's do:
 * - text compares byte by byte (SQLite's BINARY collation), so ORDER BY and the (created_at, id)
 *   cursor give the same order on both; a database's default collation (en_US…) would not;
 * - SQLite's INTEGER is 64-bit (a seed may be 4 000 000 000); Postgres' integer is 32-bit;
 * - SQLite's REAL is a double; Postgres' real is a float.
 */
export function columnTypes(db: Kysely<unknown>): { text: ColumnType; integer: ColumnType; real: ColumnType } {
  if (!isPostgres(db)) return { text: "text", integer: "integer", real: "real" };
  return { text: sql`text collate "C"`, integer: "bigint", real: "double precision" };
}

/**
 * The case folding of searches (text-search.ts). SQLite runs foldCase() itself, registered on each
 * connection (open-sqlite.ts); Postgres gets a SQL function doing what foldCase does in V8: NFKC,
 * then ICU's full lower-casing for the root locale ("und"), which is what String#toLowerCase is.
 * Two shortcuts give the same result ten times faster on a search that scans: ASCII text is its
 * own NFKC form and lower-cases A-Z only; text already in NFKC skips normalize(). Not STRICT, so
 * Postgres inlines it (NULL in, NULL out all the same).
 */
export async function createFoldFunction(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    CREATE FUNCTION ${sql.raw(FOLD_FUNCTION)}(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE
      WHEN octet_length(value) = char_length(value) THEN lower(value COLLATE "C") COLLATE "und-x-icu"
      WHEN value IS NFKC NORMALIZED THEN lower(value COLLATE "und-x-icu")
      ELSE lower(normalize(value, NFKC) COLLATE "und-x-icu")
    END $$`.execute(db);
}

export async function dropFoldFunction(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP FUNCTION IF EXISTS ${sql.raw(FOLD_FUNCTION)}(text)`.execute(db);
}
