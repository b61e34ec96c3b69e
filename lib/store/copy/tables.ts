import "server-only";
import type { Database } from "../database";

export type TableName = keyof Database;

/**
 * Every table, parents before children, so each batch's foreign keys already have their rows
 * on the target. prompt_versions points at itself (parent_id): see copy-rows.ts for its order.
 */
export const TABLES_IN_ORDER: readonly TableName[] = [
  "ideas",
  "prompt_versions",
  "generations",
  "images",
  "library_entries",
  "comparisons",
  "comparison_cells",
  "shares",
  "feedback",
  "image_checks",
  "fix_loops",
  "house_rules",
  "styles",
];

/** Each copied table's primary key: what an upsert matches on and what the check looks rows up by. */
export const KEY_COLUMNS: Readonly<Partial<Record<TableName, readonly string[]>>> = {
  ideas: ["id"],
  prompt_versions: ["id"],
  generations: ["id"],
  images: ["id"],
  library_entries: ["id"],
  comparisons: ["id"],
  comparison_cells: ["comparison_id", "position"],
  shares: ["id"],
  feedback: ["id"],
  image_checks: ["id"],
  fix_loops: ["id"],
  house_rules: ["version"],
  styles: ["id"],
};

export function keyColumns(table: TableName): readonly string[] {
  const key = KEY_COLUMNS[table];
  if (!key) throw new Error(`db:copy does not copy ${table}`);
  return key;
}

/** A row's key as a person reads it: `img-1`, or `cmp-1/0` for a comparison cell. */
export const describeKey = (table: TableName, row: Record<string, unknown>) =>
  keyColumns(table)
    .map((c) => String(row[c]))
    .join("/");
