import "server-only";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "./database";
import { fullTextQuery, ideaSearchWords } from "./idea-search";
import { isPostgres } from "./migrations/dialect";
import { foldCase } from "./text-search";

/*
 * The gallery's search (issue 12): each word must appear in the image's idea text or in its own
 * version's prompt, through version_search (migration 0011), with the Ideas page's word handling
 * (idea-search.ts). The last word is a prefix while it is being typed: "fox gold" finds "golden";
 * once something follows it ("100%"), it is a whole word, so "100%" does not find "1000".
 */

/**
 * Matched versions above which SQLite walks the gallery instead. It has no statistics for an
 * FTS5 match, so it always starts from the match: fetch every matched version's images, then sort
 * them. That is right for a rare word (62 versions: 1 ms) and wrong for a common one ("fox", 8,000
 * versions: 90 ms; "a": 230 ms at 100,000 images). For those it walks the gallery newest first
 * and tests each image's version against the matched list, stopping after a page (2 and 11 ms).
 * Postgres has statistics for its GIN index and chooses between the two plans itself.
 */
const SQLITE_WALK_ABOVE = 500;

/** A condition on the image's version, or undefined for no search; one that is never true when q can match nothing. */
export async function imageSearch(
  db: Kysely<Database>,
  promptIdColumn: string,
  q: string | undefined,
): Promise<Expression<SqlBool> | undefined> {
  const typed = foldCase(q ?? "").trim();
  if (!typed) return undefined;
  const words = ideaSearchWords(typed);
  // Only punctuation ("\\", "%"): no indexed word holds it, so nothing matches (as a LIKE found nothing).
  if (words.length === 0) return sql<SqlBool>`1 = 0`;
  const postgres = isPostgres(db as unknown as Kysely<unknown>);
  const query = fullTextQuery(postgres, words, /[\p{L}\p{M}\p{N}]$/u.test(typed));
  if (postgres) {
    return sql<SqlBool>`${sql.ref(promptIdColumn)} IN (
      SELECT s.version_id FROM version_search s WHERE s.tsv @@ to_tsquery('simple', ${query}))`;
  }
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (
      SELECT 1 FROM version_fts WHERE version_fts MATCH ${query} LIMIT ${SQLITE_WALK_ABOVE + 1})`.execute(db);
  if (Number(rows[0]?.n ?? 0) > SQLITE_WALK_ABOVE) {
    // The walk: each image's version's document number (one index seek) against the matched ones,
    // kept as bare FTS rowids (joining them to version_ids first costs twice the walk itself).
    return sql<SqlBool>`(SELECT s.doc FROM version_search s WHERE s.version_id = ${sql.ref(promptIdColumn)})
      IN (SELECT rowid FROM version_fts WHERE version_fts MATCH ${query})`;
  }
  return sql<SqlBool>`${sql.ref(promptIdColumn)} IN (
    SELECT s.version_id FROM version_fts JOIN version_search s ON s.doc = version_fts.rowid WHERE version_fts MATCH ${query})`;
}
