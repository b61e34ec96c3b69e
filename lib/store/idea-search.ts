import "server-only";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "./database";
import { isPostgres } from "./migrations/dialect";
import { foldCase } from "./text-search";

/** Bounds the cost of one query; the API already caps q at 200 characters. */
const MAX_WORDS = 16;

/**
 * The words of a search as both indexes see them: folded as the indexed text is (foldCase), then runs of letters, marks and digits (what
 * SQLite's unicode61 tokenizer keeps; everything else separates words). A word therefore never
 * holds a quote, an operator (AND, *, ^, :, &, |, !, <->), a parenthesis or NUL, so it can go into
 * MATCH or to_tsquery text as it is. A query of punctuation only has no words: no filter at all.
 */
export function ideaSearchWords(q: string | undefined): string[] {
  if (!q) return [];
  return (foldCase(q).match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
}

/**
 * The full-text query for `words` as both indexes read it, ANDed; the last one a prefix when
 * `prefixLast`, so results follow the typing. SQLite (FTS5): phrases `"w"` (and `"w"*`), ANDed by
 * juxtaposition. Postgres (to_tsquery, 'simple' configuration): `w & w:*`.
 */
export function fullTextQuery(postgres: boolean, words: string[], prefixLast = true): string {
  const last = prefixLast ? words.length - 1 : -1;
  if (postgres) return words.map((w, n) => (n === last ? `${w}:*` : w)).join(" & ");
  return words.map((w, n) => (n === last ? `"${w}"*` : `"${w}"`)).join(" ");
}

/**
 * Matched ideas above which SQLite walks the Ideas list instead, as the gallery's search does
 * (image-search.ts): FTS5 gives the planner no statistics, so it starts from the match, computes
 * every matched idea's columns (counts, cover, latest prompt) and sorts them all. A first letter
 * ("a", every one of 20,000 seeded ideas) took 89 ms median that way, 7.4 ms walking the list newest
 * first and testing each idea's document against the matched ones; a word matching 267 took 1.5 ms
 * from the match (better-sqlite3 on a folder seeded by npm run seed, load average 1.6).
 */
const SQLITE_WALK_ABOVE = 500;

/**
 * Every word must appear in the idea (its title, text, or any version's prompt, instruction or
 * notes); the last one as a prefix.
 */
export async function ideaMatches(
  db: Kysely<Database>,
  ideaIdColumn: string,
  words: string[],
): Promise<Expression<SqlBool>> {
  const postgres = isPostgres(db as unknown as Kysely<unknown>);
  const query = fullTextQuery(postgres, words);
  if (postgres) {
    return sql<SqlBool>`${sql.ref(ideaIdColumn)} IN (
      SELECT s.idea_id FROM idea_search s WHERE s.tsv @@ to_tsquery('simple', ${query}))`;
  }
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (
      SELECT 1 FROM idea_fts WHERE idea_fts MATCH ${query} LIMIT ${SQLITE_WALK_ABOVE + 1})`.execute(db);
  if (Number(rows[0]?.n ?? 0) > SQLITE_WALK_ABOVE) {
    return sql<SqlBool>`(SELECT s.doc FROM idea_search s WHERE s.idea_id = ${sql.ref(ideaIdColumn)})
      IN (SELECT rowid FROM idea_fts WHERE idea_fts MATCH ${query})`;
  }
  return sql<SqlBool>`${sql.ref(ideaIdColumn)} IN (
    SELECT s.idea_id FROM idea_fts JOIN idea_search s ON s.doc = idea_fts.rowid WHERE idea_fts MATCH ${query})`;
}
