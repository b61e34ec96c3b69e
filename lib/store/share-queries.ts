import "server-only";
import type { Kysely } from "kysely";
import type { Share, ShareKind } from "@/lib/schemas/shares";
import type { Database } from "./database";
import { shareFromRow, shareRecordFromRow, shareToRow, toDbTime } from "./row-mapping";
import type { NewShare, ShareRecord } from "./types";

/** The schema refuses a share of an idea that does not exist (foreign key) and a reused token hash (unique). */
export async function insertShare(db: Kysely<Database>, share: NewShare): Promise<void> {
  await db.insertInto("shares").values(shareToRow(share)).execute();
}

export async function findShare(db: Kysely<Database>, id: string): Promise<ShareRecord | undefined> {
  const row = await db.selectFrom("shares").selectAll().where("id", "=", id).executeTakeFirst();
  return row && shareRecordFromRow(row);
}

/** One indexed equality on the hash: an unknown token and a revoked one cost the same lookup. */
export async function findShareByHash(db: Kysely<Database>, tokenHash: string): Promise<ShareRecord | undefined> {
  const row = await db.selectFrom("shares").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
  return row && shareRecordFromRow(row);
}

/** Newest first, revoked ones included; with a target, only its shares. */
export async function findShares(db: Kysely<Database>, target?: { kind: ShareKind; id: string }): Promise<Share[]> {
  let q = db.selectFrom("shares").selectAll();
  if (target) q = q.where("kind", "=", target.kind).where("target_id", "=", target.id);
  const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").execute();
  return rows.map(shareFromRow);
}

/** Sets revoked_at only where it is still null: a second revoke keeps the first time. */
export async function markRevoked(db: Kysely<Database>, id: string, at: string): Promise<Share | undefined> {
  await db
    .updateTable("shares")
    .set({ revoked_at: toDbTime(at) })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
  const row = await db.selectFrom("shares").selectAll().where("id", "=", id).executeTakeFirst();
  return row && shareFromRow(row);
}
