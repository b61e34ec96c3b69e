import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "../database";

/**
 * The copy treats every table alike (read a batch, insert it as is), so it names tables and
 * columns by string; the rows are passed through untouched, never mapped.
 */
export type Row = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: tables and columns chosen at run time, rows passed through as is
export type LooseDb = Kysely<any>;

export const loose = (db: Kysely<Database>): LooseDb => db as unknown as LooseDb;
