import "server-only";
import type { Kysely } from "kysely";
import type { PartName, PromptVersion } from "@/lib/schemas";
import type { Database } from "./database";
import { checksToColumn, locksToColumn, toDbTime, versionFromRow, versionToRow } from "./row-mapping";
import type { NewPromptVersion } from "./types";

/** The schema refuses a parent from another idea (composite foreign key). */
export async function insertVersion(db: Kysely<Database>, version: NewPromptVersion): Promise<void> {
  await db.insertInto("prompt_versions").values(versionToRow(version)).execute();
}

/**
 * A hand edit, kept once: when its parent already has an edit child with the same prompt,
 * negative prompt and checklist, that child is the edit (the page's keepalive save on leaving and the reloaded
 * page's own save of the same text race; both must land on one version). Runs inside the write
 * transaction, so on SQLite the check and the insert are one step, and on Postgres two racing
 * SERIALIZABLE transactions conflict and the retried one finds the first.
 */
export async function insertEditOnce(db: Kysely<Database>, version: NewPromptVersion): Promise<PromptVersion> {
  if (version.parentId === null) throw new Error("an edit needs its parent");
  const same = await db
    .selectFrom("prompt_versions")
    .selectAll()
    .where("parent_id", "=", version.parentId)
    .where("source", "=", "edit")
    .where("prompt", "=", version.prompt)
    .where((eb) =>
      version.negativePrompt === null
        ? eb("negative_prompt", "is", null)
        : eb("negative_prompt", "=", version.negativePrompt),
    )
    .where("checks", "=", checksToColumn(version.checks))
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .executeTakeFirst();
  if (same) return versionFromRow(same);
  await insertVersion(db, version);
  return version;
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

/** approvedAt a time approves the version, null takes the approval back; undefined when it does not exist. */
export async function updateApproval(
  db: Kysely<Database>,
  id: string,
  approvedAt: string | null,
): Promise<PromptVersion | undefined> {
  await db
    .updateTable("prompt_versions")
    .set({ approved_at: approvedAt === null ? null : toDbTime(approvedAt) })
    .where("id", "=", id)
    .execute();
  return findVersion(db, id);
}
