import "server-only";
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes } from "./dialect";

/*
 * Showing the work (issue 10): share links, visitors' feedback, approved versions.
 *
 * - shares: a read-only link to one idea, comparison or image. Only the SHA-256 of its token is
 *   kept (unique: the visitor's lookup). The target is polymorphic (kind, target_id), so it has no
 *   foreign key: a share whose comparison or image is gone stays in its owner's list and answers
 *   404 where it is read. idea_id is the idea the target belongs to; the share goes with it.
 *   Revoking sets revoked_at; the row stays, so the owner's list says so.
 * - feedback: a visitor's comment and/or vote, through one share. (idea_id, share_id) points at
 *   the share through a composite key, so a note can only be about its share's idea, and goes with
 *   the share (and so with the idea). image_id has NO foreign key: when the owner deletes an image,
 *   what was said about it is still the visitor's word about the idea and stays in the owner's
 *   list; SET NULL would instead turn a vote for that image into a vote for nothing and a comment
 *   on it into one on the whole idea, which the visitor never said. Readers match image_id against
 *   the images that exist.
 * - prompt_versions.approved_at: when its owner approved it (null: not approved).
 * Booleans are 0/1 integers with a CHECK, as images.favorite.
 */
export const sharing: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema.alterTable("prompt_versions").addColumn("approved_at", t.text).execute();

    await db.schema
      .createTable("shares")
      .addColumn("id", t.text, (c) => c.primaryKey().notNull())
      .addColumn("token_hash", t.text, (c) => c.notNull().unique())
      .addColumn("kind", t.text, (c) => c.notNull())
      .addColumn("target_id", t.text, (c) => c.notNull())
      .addColumn("idea_id", t.text, (c) => c.notNull().references("ideas.id").onDelete("cascade"))
      .addColumn("label", t.text, (c) => c.notNull())
      .addColumn("expires_at", t.text)
      .addColumn("feedback", t.integer, (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", t.text, (c) => c.notNull())
      .addColumn("revoked_at", t.text)
      // The parent key of feedback's composite foreign key.
      .addUniqueConstraint("shares_idea_id_id", ["idea_id", "id"])
      .addCheckConstraint("shares_kind", sql`kind IN ('idea', 'comparison', 'image')`)
      .addCheckConstraint("shares_feedback", sql`feedback IN (0, 1)`)
      .execute();
    // "This target's links", newest first (the idea page's Shared links, an image's Share dialog).
    await db.schema
      .createIndex("shares_target_created")
      .on("shares")
      .columns(["kind", "target_id", "created_at", "id"])
      .execute();
    // The child key of the ideas foreign key (an idea's delete finds its shares by it); the unique
    // constraint above starts with idea_id and serves too, but not on every planner's word.
    await db.schema.createIndex("shares_idea").on("shares").column("idea_id").execute();
    // The all-links page, newest first.
    await db.schema.createIndex("shares_created").on("shares").columns(["created_at", "id"]).execute();

    await db.schema
      .createTable("feedback")
      .addColumn("id", t.text, (c) => c.primaryKey().notNull())
      .addColumn("share_id", t.text, (c) => c.notNull())
      .addColumn("idea_id", t.text, (c) => c.notNull().references("ideas.id").onDelete("cascade"))
      .addColumn("image_id", t.text)
      .addColumn("name", t.text, (c) => c.notNull())
      .addColumn("comment", t.text)
      .addColumn("vote", t.integer)
      .addColumn("created_at", t.text, (c) => c.notNull())
      .addForeignKeyConstraint("feedback_share", ["idea_id", "share_id"], "shares", ["idea_id", "id"], (fk) =>
        fk.onDelete("cascade"),
      )
      .addCheckConstraint("feedback_vote", sql`vote IN (0, 1)`)
      .execute();
    // The owner's list of an idea's feedback, oldest first; also the ideas foreign key's child key.
    await db.schema
      .createIndex("feedback_idea_created")
      .on("feedback")
      .columns(["idea_id", "created_at", "id"])
      .execute();
    // The child key of the shares foreign key (else every share delete scans the table).
    await db.schema.createIndex("feedback_share").on("feedback").columns(["idea_id", "share_id"]).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("feedback").ifExists().execute();
    await db.schema.dropTable("shares").ifExists().execute();
    await db.schema.alterTable("prompt_versions").dropColumn("approved_at").execute();
  },
};
