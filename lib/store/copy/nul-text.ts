import "server-only";
import type { Row } from "./loose-db";
import { describeKey, type TableName } from "./tables";

/** A row whose text lost its U+0000 characters on the way: named for the person running the copy. */
export type NulFix = { table: TableName; key: string; columns: string[] };

const NUL = "\u0000";

/**
 * The row as Postgres can hold it. SQLite keeps U+0000 in text (old releases let it in through
 * the API); Postgres refuses it in any text value, so the copy would stop on the first one. The
 * character carries no meaning in a prompt, so it is removed, and the row named (`fix`) so a
 * person can look. Deterministic: the copy and the check clean the same value the same way, and
 * a key (never expected to hold one) would be cleaned alike in every table that points at it.
 */
export function withoutNul(table: TableName, row: Row): { row: Row; fix?: NulFix } {
  const columns = Object.entries(row)
    .filter(([, value]) => typeof value === "string" && value.includes(NUL))
    .map(([column]) => column);
  if (columns.length === 0) return { row };
  const clean: Row = { ...row };
  for (const column of columns) clean[column] = (row[column] as string).replaceAll(NUL, "");
  return { row: clean, fix: { table, key: describeKey(table, clean), columns } };
}

export const describeNulFix = (fix: NulFix) =>
  `${fix.table} row ${fix.key}: removed U+0000 from ${fix.columns.join(", ")}`;
