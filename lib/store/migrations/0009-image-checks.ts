import "server-only";
import type { Kysely, Migration } from "kysely";
import { columnTypes } from "./dialect";

/*
 * Image checks (issue 11): a judge's answer for one image, item by item. Every check is kept (a
 * fix loop checks again, a person may re-check); an image's check is its latest, found through
 * (image_id, created_at). Items are JSON text, as a version's notes and checks are: they are read
 * whole, never queried one by one. The rows go with their image (ON DELETE CASCADE).
 */
export const imageChecks: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema
      .createTable("image_checks")
      .addColumn("id", t.text, (c) => c.primaryKey().notNull())
      .addColumn("image_id", t.text, (c) => c.notNull().references("images.id").onDelete("cascade"))
      .addColumn("judge_id", t.text, (c) => c.notNull())
      .addColumn("judge_label", t.text, (c) => c.notNull())
      .addColumn("judge_model", t.text, (c) => c.notNull())
      .addColumn("score", t.real, (c) => c.notNull())
      .addColumn("items", t.text, (c) => c.notNull())
      .addColumn("created_at", t.text, (c) => c.notNull())
      .execute();
    // An image's latest check; also the child key of the images foreign key.
    await db.schema
      .createIndex("image_checks_image_created")
      .on("image_checks")
      .columns(["image_id", "created_at", "id"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("image_checks").ifExists().execute();
  },
};
