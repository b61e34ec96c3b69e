import "server-only";
import { type Expression, type SqlBool, sql } from "kysely";

/**
 * SQLite's LIKE folds ASCII only ("É" ≠ "é"), so both sides go through the same JS folding:
 * the column via this SQL function (registered in open-sqlite.ts), the pattern in foldCase.
 */
export const FOLD_FUNCTION = "ps_casefold";

/** Bounds the cost of one query; the API already caps q at 200 characters. */
const MAX_WORDS = 16;

export function foldCase(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return q.trim().split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
}

/** A LIKE pattern matching `word` anywhere, with its own % _ and \ taken literally. */
export function containsPattern(word: string): string {
  return `%${foldCase(word).replace(/[\\%_]/g, "\\$&")}%`;
}

export function columnContains(column: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.raw(FOLD_FUNCTION)}(${sql.ref(column)}) LIKE ${pattern} ESCAPE '\\'`;
}
