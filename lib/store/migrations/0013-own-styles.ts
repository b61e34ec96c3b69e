import "server-only";
import type { Kysely, Migration } from "kysely";
import { columnTypes } from "./dialect";

/*
 * Own styles (issue 13): styles people make, with the built-in presets' parts. Ids start with
 * "own-", so they never collide with a built-in id. The sample picture is a small WebP kept in the
 * row as base64 text (about 7 kB): text behaves the same on SQLite and Postgres and in db:copy,
 * and the image store's sweep of bytes without an image row cannot take it. NULL: not rendered
 * yet (GET /api/styles/:id/sample renders the offline one on first ask). deleted_at: a deleted
 * style stays a while so Undo can bring it back (lib/store/style-queries.ts purges old ones).
 * prompt_versions.style_used is the JSON snapshot (id, name, parts) of the style a version was
 * refined in, so its recipe keeps saying what was used after the style is edited or deleted.
 */
export const ownStyles: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema
      .createTable("styles")
      .addColumn("id", t.text, (c) => c.primaryKey().notNull())
      .addColumn("label", t.text, (c) => c.notNull())
      .addColumn("description", t.text, (c) => c.notNull())
      .addColumn("medium", t.text, (c) => c.notNull())
      .addColumn("lighting", t.text, (c) => c.notNull())
      .addColumn("palette", t.text, (c) => c.notNull())
      .addColumn("camera", t.text, (c) => c.notNull())
      .addColumn("detail", t.text, (c) => c.notNull())
      .addColumn("negative", t.text, (c) => c.notNull())
      .addColumn("sample", t.text)
      .addColumn("sample_source", t.text, (c) => c.notNull())
      .addColumn("sample_image_id", t.text)
      .addColumn("created_at", t.text, (c) => c.notNull())
      .addColumn("updated_at", t.text, (c) => c.notNull())
      .addColumn("deleted_at", t.text)
      .execute();
    await db.schema.createIndex("styles_created").on("styles").columns(["created_at", "id"]).execute();
    await db.schema.alterTable("prompt_versions").addColumn("style_used", t.text).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("prompt_versions").dropColumn("style_used").execute();
    await db.schema.dropTable("styles").ifExists().execute();
  },
};
