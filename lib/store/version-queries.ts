import "server-only";
import type { Kysely } from "kysely";
import type { PartName, PromptVersion } from "@/lib/schemas";
import type { Database } from "./database";
import { locksToColumn, versionFromRow, versionToRow } from "./row-mapping";
import type { NewPromptVersion } from "./types";

/** The schema refuses a parent from another idea (composite foreign key). */
export async function insertVersion(db: Kysely<Database>, version: NewPromptVersion): Promise<void> {
  await db.insertInto("prompt_versions").values(versionToRow(version)).execute();
}

export async function findVersion(db: Kysely<Database>, id: string): Promise<PromptVersion | undefined> {
  const row = await db.selectFrom("prompt_versions").selectAll().where("id", "=", id).executeTakeFirst();
  return row && versionFromRow(row);
}

/** Oldest first, so a parent always comes before its children. */
export async function findVersions(db: Kysely<Database>, ideaId: string): Promise<PromptVersion[]> {
  const rows = await db
    .selectFrom("prompt_versions")
    .selectAll()
    .where("idea_id", "=", ideaId)
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .execute();
  return rows.map(versionFromRow);
}

export async function updateLocks(
  db: Kysely<Database>,
  id: string,
  locks: readonly PartName[],
): Promise<PromptVersion | undefined> {
  await db
    .updateTable("prompt_versions")
    .set({ locks: locksToColumn(locks) })
    .where("id", "=", id)
    .execute();
  return findVersion(db, id);
}
