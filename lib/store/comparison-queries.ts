import "server-only";
import type { Kysely } from "kysely";
import type { Comparison } from "@/lib/schemas";
import type { ComparisonCellRow, Database } from "./database";
import { comparisonFromRows, comparisonToRows, generationToRow } from "./row-mapping";
import type { NewComparison, NewGeneration } from "./types";

/** Generations first: each cell's foreign key names its generation (of that version, of that idea). */
export async function insertComparison(
  db: Kysely<Database>,
  comparison: NewComparison,
  generations: NewGeneration[],
): Promise<void> {
  if (generations.length > 0) await db.insertInto("generations").values(generations.map(generationToRow)).execute();
  const { row, cells } = comparisonToRows(comparison);
  await db.insertInto("comparisons").values(row).execute();
  if (cells.length > 0) await db.insertInto("comparison_cells").values(cells).execute();
}

async function cellsFor(db: Kysely<Database>, ids: string[]): Promise<Map<string, ComparisonCellRow[]>> {
  const byComparison = new Map<string, ComparisonCellRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byComparison;
  const rows = await db
    .selectFrom("comparison_cells")
    .selectAll()
    .where("comparison_id", "in", ids)
    .orderBy("position", "asc")
    .execute();
  for (const row of rows) byComparison.get(row.comparison_id)?.push(row);
  return byComparison;
}

export async function findComparison(db: Kysely<Database>, id: string): Promise<Comparison | undefined> {
  const row = await db.selectFrom("comparisons").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const cells = await cellsFor(db, [row.id]);
  return comparisonFromRows(row, cells.get(row.id) ?? []);
}

/** Newest first. */
export async function findComparisons(db: Kysely<Database>, ideaId: string): Promise<Comparison[]> {
  const rows = await db
    .selectFrom("comparisons")
    .selectAll()
    .where("idea_id", "=", ideaId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const cells = await cellsFor(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => comparisonFromRows(row, cells.get(row.id) ?? []));
}

export async function removeComparison(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom("comparisons").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
