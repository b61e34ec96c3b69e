import "server-only";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database";

/** SQLite's count of commits by other connections, as this connection last saw the file. */
async function dataVersion(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ data_version: number }>`PRAGMA data_version`.execute(db);
  return Number(rows[0]?.data_version);
}

/**
 * Runs `work` on one read transaction of the source, so every read sees the database as it was
 * at one instant: an embedded server writing meanwhile (a generation finishing, its images
 * arriving) cannot tear the copy into half of one state and half of another. WAL lets that
 * server go on writing; it is not blocked.
 *
 * `sourceChanged` says whether anyone committed to the file while the copy ran: the first
 * statement (PRAGMA data_version) opens the snapshot and reads its version; the same pragma after
 * the end reads the file's latest. Different numbers mean the copy, consistent as it is, is of
 * a moment that has passed, and the person must stop the server and run it again.
 */
export async function inSourceSnapshot<T>(
  source: Kysely<Database>,
  work: (snapshot: Kysely<Database>) => Promise<T>,
): Promise<{ value: T; sourceChanged: boolean }> {
  let before = Number.NaN;
  const value = await source.transaction().execute(async (trx) => {
    before = await dataVersion(trx);
    return work(trx);
  });
  const after = await dataVersion(source);
  return { value, sourceChanged: after !== before };
}
