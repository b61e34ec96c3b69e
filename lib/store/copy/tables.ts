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
];
