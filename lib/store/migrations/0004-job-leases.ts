import "server-only";
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes, isPostgres } from "./dialect";

/*
 * The Postgres job queue (#9, lib/jobs/postgres-queue.ts) keeps its state on the generation row:
 * - claimed_by: the instance running it (null while queued, or in the embedded mode);
 * - lease_until: epoch ms until which that instance vouches for it; it renews the lease while it
 *   runs, and any instance settles a running row whose lease ran out (its instance died);
 * - cancel_requested: 1 once a cancel was asked for a running row, so its owner stops even when
 *   the bus message telling it was lost (it reads the flag at its next renewal);
 * - queue_seq: the place in its backend's queue, taken from one database sequence so that FIFO
 *   does not depend on the clocks of the instances that enqueued (null: not handed to the queue yet).
 * The columns are the queue's own; the Generation entity never shows them. Both dialects get
 * them (db:copy copies rows column for column), the sequence only Postgres: the embedded queue
 * keeps its order in memory.
 */
export const QUEUE_SEQUENCE = "promptsmith_queue_seq";

export const jobLeases: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema.alterTable("generations").addColumn("claimed_by", t.text).execute();
    await db.schema.alterTable("generations").addColumn("lease_until", t.real).execute();
    await db.schema
      .alterTable("generations")
      .addColumn("cancel_requested", t.integer, (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable("generations").addColumn("queue_seq", t.integer).execute();
    // A claim reads "this backend's queued rows in queue order" and counts its running ones; the
    // poll asks which backends have queued rows, and the reaper looks at running rows. Status
    // first, so those last two read only the queued or running part, not every generation ever made.
    await db.schema
      .createIndex("generations_claim")
      .on("generations")
      .columns(["status", "backend", "queue_seq"])
      .execute();
    if (isPostgres(db)) await sql`CREATE SEQUENCE ${sql.raw(QUEUE_SEQUENCE)} AS bigint`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    if (isPostgres(db)) await sql`DROP SEQUENCE IF EXISTS ${sql.raw(QUEUE_SEQUENCE)}`.execute(db);
    await db.schema.dropIndex("generations_claim").execute();
    for (const column of ["queue_seq", "cancel_requested", "lease_until", "claimed_by"]) {
      await db.schema.alterTable("generations").dropColumn(column).execute();
    }
  },
};
