import "server-only";
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes } from "./dialect";

/*
 * Fix loops (issue 11): refine → generate → check again, on the server, until the misses are
 * gone. A loop belongs to the image it started from and goes with it (ON DELETE CASCADE). Its
 * rounds are JSON text, read and written whole (a handful, at most FIX_LIMITS.maxRounds).
 * owner/lease_until: the instance running it and until when (epoch ms); a loop still `running`
 * whose lease ran out was left by a dead process, and the next start resumes it (lib/fix/recover.ts).
 */
export const fixLoops: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema
      .createTable("fix_loops")
      .addColumn("id", t.text, (c) => c.primaryKey().notNull())
      .addColumn("image_id", t.text, (c) => c.notNull().references("images.id").onDelete("cascade"))
      .addColumn("idea_id", t.text, (c) => c.notNull())
      .addColumn("status", t.text, (c) => c.notNull())
      .addColumn("max_rounds", t.integer, (c) => c.notNull())
      .addColumn("reason", t.text)
      .addColumn("rounds", t.text, (c) => c.notNull())
      .addColumn("best_image_id", t.text)
      .addColumn("error", t.text)
      .addColumn("created_at", t.text, (c) => c.notNull())
      .addColumn("finished_at", t.text)
      .addColumn("owner", t.text)
      .addColumn("lease_until", t.integer)
      .addCheckConstraint("fix_loops_status", sql`status IN ('running', 'done', 'canceled', 'failed')`)
      .execute();
    // An image's loops, newest first; also the child key of the images foreign key.
    await db.schema
      .createIndex("fix_loops_image_created")
      .on("fix_loops")
      .columns(["image_id", "created_at", "id"])
      .execute();
    // The loops left running at a start.
    await db.schema.createIndex("fix_loops_status").on("fix_loops").column("status").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("fix_loops").ifExists().execute();
  },
};
