import "server-only";
import { type Kysely, sql } from "kysely";
import type { Generation } from "@/lib/schemas/entities";
import type { Database } from "@/lib/store/database";
import { QUEUE_SEQUENCE } from "@/lib/store/migrations/0004-job-leases";
import { generationFromRow } from "@/lib/store/row-mapping";

/*
 * The SQL of the Postgres job queue (lib/jobs/postgres-queue.ts), one statement or transaction
 * per function. Every comparison with "now" uses the database's clock: instances' clocks differ.
 */

type Db = Kysely<Database>;

/** The database's clock, in epoch ms (lease_until is kept in the same unit). */
const dbNowMs = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::double precision`;
const leaseUntil = (leaseMs: number) => sql<number>`${dbNowMs} + ${leaseMs}::double precision`;

export const INTERRUPTED = {
  code: "interrupted",
  message: "Interrupted: the instance running it stopped (its lease ran out).",
} as const;

/** Gives a saved, queued generation its place in its backend's queue; idempotent. */
export async function assignQueueSeq(db: Db, id: string): Promise<void> {
  await db
    .updateTable("generations")
    .set({ queue_seq: sql<number>`nextval(${QUEUE_SEQUENCE}::regclass)` })
    .where("id", "=", id)
    .where("status", "=", "queued")
    .where("queue_seq", "is", null)
    .execute();
}

/**
 * Takes up to `limit` minus the running ones of the backend's oldest queued generations for this
 * instance. The advisory lock (held until the transaction ends) makes claimers of one backend,
 * on every instance, take turns: the count of running rows and the claim that follows cannot
 * interleave with another instance's, so a limit of 1 is 1 across the cluster. SKIP LOCKED only
 * passes rows a non-claimer holds at that moment (a cancel being written).
 */
export async function claimQueued(
  db: Db,
  backend: string,
  limit: number,
  instanceId: string,
  leaseMs: number,
): Promise<Generation[]> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('promptsmith.claim:' || ${backend}::text))`.execute(trx);
    const { running } = await trx
      .selectFrom("generations")
      .select((eb) => eb.fn.countAll<number>().as("running"))
      .where("backend", "=", backend)
      .where("status", "=", "running")
      .executeTakeFirstOrThrow();
    const room = limit - Number(running);
    if (room <= 0) return [];
    const picked = await trx
      .selectFrom("generations")
      .select("id")
      .where("backend", "=", backend)
      .where("status", "=", "queued")
      .where("queue_seq", "is not", null)
      .orderBy("queue_seq")
      .limit(room)
      .forUpdate()
      .skipLocked()
      .execute();
    if (picked.length === 0) return [];
    const rows = await trx
      .updateTable("generations")
      .set({
        status: "running",
        started_at: new Date().toISOString(),
        claimed_by: instanceId,
        lease_until: leaseUntil(leaseMs),
        cancel_requested: 0,
      })
      .where(
        "id",
        "in",
        picked.map((p) => p.id),
      )
      .returningAll()
      .execute();
    return rows.sort((a, b) => Number(a.queue_seq) - Number(b.queue_seq)).map(generationFromRow);
  });
}

/** The backends with generations waiting in the queue. */
export async function backendsWaiting(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("generations")
    .select("backend")
    .distinct()
    .where("status", "=", "queued")
    .where("queue_seq", "is not", null)
    .execute();
  return rows.map((r) => r.backend);
}

/**
 * Extends this instance's leases on the generations it is running (`ids`); says which of them
 * still run as its own, and which were asked to stop. Only those: a row whose runner is gone here
 * (it ended without managing its last write) stops being renewed, and is reaped like a dead instance's.
 */
export async function renewLeases(
  db: Db,
  instanceId: string,
  ids: readonly string[],
  leaseMs: number,
): Promise<Array<{ id: string; cancelRequested: boolean }>> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable("generations")
    .set({ lease_until: leaseUntil(leaseMs) })
    .where("id", "in", ids)
    .where("claimed_by", "=", instanceId)
    .where("status", "=", "running")
    .returning(["id", "cancel_requested"])
    .execute();
  return rows.map((r) => ({ id: r.id, cancelRequested: Number(r.cancel_requested) === 1 }));
}

/**
 * Fails every running generation whose lease ran out (or that never had one: left running by a
 * process from before the shared queue). Never queued again: it may have reached its backend.
 */
export async function reapExpired(db: Db): Promise<Array<{ generation: Generation; claimedBy: string | null }>> {
  const rows = await db
    .updateTable("generations")
    .set({ status: "failed", error: JSON.stringify(INTERRUPTED), finished_at: new Date().toISOString() })
    .where("status", "=", "running")
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", dbNowMs)]))
    .returningAll()
    .execute();
  return rows.map((row) => ({ generation: generationFromRow(row), claimedBy: row.claimed_by }));
}

/**
 * Queues the queued rows that never got a place (their instance died between saving and
 * enqueueing), oldest first. `savedBefore` leaves alone the ones an instance is enqueueing now.
 */
export async function adoptUnsequenced(db: Db, savedBefore: string): Promise<string[]> {
  const { rows } = await sql<{ id: string; backend: string }>`
    WITH waiting AS (
      SELECT id FROM generations
      WHERE status = 'queued' AND queue_seq IS NULL AND created_at < ${savedBefore}
      ORDER BY created_at, id
      FOR UPDATE SKIP LOCKED
    ), numbered AS (
      SELECT id, nextval(${QUEUE_SEQUENCE}::regclass) AS seq FROM waiting
    )
    UPDATE generations AS g SET queue_seq = numbered.seq
    FROM numbered WHERE g.id = numbered.id
    RETURNING g.id, g.backend`.execute(db);
  return [...new Set(rows.map((r) => r.backend))];
}

/** Ends a generation that is still queued (it never reached a backend); undefined if it is not. */
export async function cancelQueued(db: Db, id: string): Promise<Generation | undefined> {
  const row = await db
    .updateTable("generations")
    .set({ status: "canceled", finished_at: new Date().toISOString() })
    .where("id", "=", id)
    .where("status", "=", "queued")
    .returningAll()
    .executeTakeFirst();
  return row && generationFromRow(row);
}

/** Marks a running generation to be stopped by its owner; false if it is not running. */
export async function requestCancel(db: Db, id: string): Promise<boolean> {
  const row = await db
    .updateTable("generations")
    .set({ cancel_requested: 1 })
    .where("id", "=", id)
    .where("status", "=", "running")
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * How many generations of its backend are queued before it; null unless it is queued. One not
 * yet given its place (being enqueued, or waiting to be adopted) is behind all that have one.
 */
export async function countAhead(db: Db, id: string): Promise<number | null> {
  const self = await db
    .selectFrom("generations")
    .select(["backend", "status", "queue_seq"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (self?.status !== "queued") return null;
  let query = db
    .selectFrom("generations")
    .select((eb) => eb.fn.countAll<number>().as("ahead"))
    .where("backend", "=", self.backend)
    .where("status", "=", "queued")
    .where("queue_seq", "is not", null);
  if (self.queue_seq !== null) query = query.where("queue_seq", "<", self.queue_seq);
  const { ahead } = await query.executeTakeFirstOrThrow();
  return Number(ahead);
}
