import "server-only";
import type { Kysely } from "kysely";
import type { FixLoop, FixRound } from "@/lib/schemas/checks";
import type { Database, FixLoopsTable } from "./database";
import type { FixLoopGuard, FixLoopPatch, FixLoopRecord } from "./types";

/*
 * Fix loops (issue 11). The mapping lives here, beside its only queries: rounds and error are JSON
 * text; owner and lease_until are the runner's bookkeeping and stay off the public FixLoop.
 */

function fromRow(row: FixLoopsTable): FixLoopRecord {
  return {
    id: row.id,
    imageId: row.image_id,
    ideaId: row.idea_id,
    status: row.status as FixLoop["status"],
    maxRounds: Number(row.max_rounds),
    reason: row.reason as FixLoop["reason"],
    rounds: JSON.parse(row.rounds) as FixRound[],
    bestImageId: row.best_image_id,
    error: row.error ? (JSON.parse(row.error) as FixLoop["error"]) : null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    owner: row.owner,
    leaseUntil: row.lease_until === null ? null : Number(row.lease_until),
  };
}

function patchToRow(patch: FixLoopPatch): Partial<FixLoopsTable> {
  const row: Partial<FixLoopsTable> = {};
  if (patch.status !== undefined) row.status = patch.status;
  if (patch.reason !== undefined) row.reason = patch.reason;
  if (patch.rounds !== undefined) row.rounds = JSON.stringify(patch.rounds);
  if (patch.bestImageId !== undefined) row.best_image_id = patch.bestImageId;
  if (patch.error !== undefined) row.error = patch.error === null ? null : JSON.stringify(patch.error);
  if (patch.finishedAt !== undefined) row.finished_at = patch.finishedAt;
  if (patch.owner !== undefined) row.owner = patch.owner;
  if (patch.leaseUntil !== undefined) row.lease_until = patch.leaseUntil;
  return row;
}

export async function insertFixLoop(db: Kysely<Database>, loop: FixLoopRecord): Promise<void> {
  await db
    .insertInto("fix_loops")
    .values({
      id: loop.id,
      image_id: loop.imageId,
      idea_id: loop.ideaId,
      status: loop.status,
      max_rounds: loop.maxRounds,
      reason: loop.reason,
      rounds: JSON.stringify(loop.rounds),
      best_image_id: loop.bestImageId,
      error: loop.error === null ? null : JSON.stringify(loop.error),
      created_at: loop.createdAt,
      finished_at: loop.finishedAt,
      owner: loop.owner,
      lease_until: loop.leaseUntil,
    })
    .execute();
}

export async function findFixLoop(db: Kysely<Database>, id: string): Promise<FixLoopRecord | undefined> {
  const row = await db.selectFrom("fix_loops").selectAll().where("id", "=", id).executeTakeFirst();
  return row && fromRow(row);
}

/**
 * The guard is part of the UPDATE itself, so "still running", "still mine" and "its lease ran
 * out" are checked and written in one step on either dialect (two instances never both claim it).
 */
export async function patchFixLoop(
  db: Kysely<Database>,
  id: string,
  patch: FixLoopPatch,
  guard: FixLoopGuard = {},
): Promise<FixLoopRecord | undefined> {
  if (guard.ifStatus?.length === 0) return undefined;
  const values = patchToRow(patch);
  if (Object.keys(values).length === 0) return findFixLoop(db, id);
  let update = db.updateTable("fix_loops").set(values).where("id", "=", id);
  if (guard.ifStatus) update = update.where("status", "in", [...guard.ifStatus]);
  if (guard.ifOwner !== undefined) update = update.where("owner", "=", guard.ifOwner);
  if (guard.ifLeaseBefore !== undefined) {
    const before = guard.ifLeaseBefore;
    update = update.where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", before)]));
  }
  const { numUpdatedRows } = await update.executeTakeFirst();
  if (numUpdatedRows === BigInt(0)) return undefined;
  return findFixLoop(db, id);
}

/** Oldest first. */
export async function findFixLoopsByStatus(
  db: Kysely<Database>,
  statuses: readonly FixLoop["status"][],
): Promise<FixLoopRecord[]> {
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom("fix_loops")
    .selectAll()
    .where("status", "in", [...statuses])
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .execute();
  return rows.map(fromRow);
}

/** Newest first: the image page shows the latest. */
export async function findFixLoopsForImage(db: Kysely<Database>, imageId: string): Promise<FixLoopRecord[]> {
  const rows = await db
    .selectFrom("fix_loops")
    .selectAll()
    .where("image_id", "=", imageId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(fromRow);
}
