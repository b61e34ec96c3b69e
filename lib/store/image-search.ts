import "server-only";
import { type Expression, type SqlBool, sql } from "kysely";
import { fullTextQuery, ideaSearchWords } from "./idea-search";
import { foldCase } from "./text-search";

/*
 * The gallery's search (issue 12): each word must appear in the image's idea text or in its own
 * version's prompt, through version_search (migration 0011), with the Ideas page's word handling
 * (idea-search.ts). The last word is a prefix while it is being typed: "fox gold" finds "golden";
 * once something follows it ("100%", "fox "), it is a whole word, so "100%" does not find "1000".
 */

/** A condition on the image's version, or undefined for no search; `false` when q can match nothing. */
export function imageSearch(
  postgres: boolean,
  promptIdColumn: string,
  q: string | undefined,
): Expression<SqlBool> | undefined {
  const typed = foldCase(q ?? "").trim();
  if (!typed) return undefined;
  const words = ideaSearchWords(typed);
  // Only punctuation ("\\", "%"): no indexed word holds it, so nothing matches (as a LIKE found nothing).
  if (words.length === 0) return sql<SqlBool>`1 = 0`;
  const query = fullTextQuery(postgres, words, /[\p{L}\p{M}\p{N}]$/u.test(typed));
  if (postgres) {
    return sql<SqlBool>`${sql.ref(promptIdColumn)} IN (
      SELECT s.version_id FROM version_search s WHERE s.tsv @@ to_tsquery('simple', ${query}))`;
  }
  return sql<SqlBool>`${sql.ref(promptIdColumn)} IN (
    SELECT s.version_id FROM version_fts JOIN version_search s ON s.doc = version_fts.rowid WHERE version_fts MATCH ${query})`;
}
