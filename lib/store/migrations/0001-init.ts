import "server-only";
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes, createFoldFunction, dropFoldFunction } from "./dialect";

/*
 * Written for SQLite first; Postgres runs it too, with the column types of dialect.ts (which
 * leave SQLite's DDL exactly as it shipped) and the search function SQLite registers per connection.
 *
 * Composite foreign keys (idea_id, …) make the tree consistent by construction: a version's
 * parent, a generation's version and an image's generation must all belong to the same idea,
 * so deleting an idea can never miss a row (or an image file) filed under another one.
 */
export const init: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await createFoldFunction(db);
    await db.schema
      .createTable("ideas")
      .addColumn("id", t.text, (c) => c.primaryKey().notNull())
      .addColumn("text", t.text, (c) => c.notNull())
      .addColumn("title", t.text, (c) => c.notNull())
      .addColumn("created_at", t.text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("ideas_created_at_id").on("ideas").columns(["created_at", "id"]).execute();

    await db.schema
      .createTable("prompt_versions")
      .addColumn("id", t.text, (c) => c.primaryKey().notNull())
      .addColumn("idea_id", t.text, (c) => c.notNull().references("ideas.id").onDelete("cascade"))
      .addColumn("parent_id", t.text)
      .addColumn("source", t.text, (c) => c.notNull())
      .addColumn("instruction", t.text)
      .addColumn("prompt", t.text, (c) => c.notNull())
      .addColumn("negative_prompt", t.text)
      .addColumn("style", t.text)
      .addColumn("dialect", t.text, (c) => c.notNull())
      .addColumn("refiner", t.text, (c) => c.notNull())
      .addColumn("model", t.text, (c) => c.notNull())
      .addColumn("title", t.text, (c) => c.notNull())
      .addColumn("notes", t.text, (c) => c.notNull().defaultTo("[]"))
      .addColumn("created_at", t.text, (c) => c.notNull())
      .addUniqueConstraint("prompt_versions_idea_id_id", ["idea_id", "id"])
      .addForeignKeyConstraint(
        "prompt_versions_parent",
        ["idea_id", "parent_id"],
        "prompt_versions",
        ["idea_id", "id"],
        (fk) => fk.onDelete("cascade"),
      )
      .addCheckConstraint("prompt_versions_source", sql`source IN ('refine', 'edit')`)
      .addCheckConstraint("prompt_versions_dialect", sql`dialect IN ('prose', 'tags')`)
      .execute();
    await db.schema
      .createIndex("prompt_versions_idea_created")
      .on("prompt_versions")
      .columns(["idea_id", "created_at", "id"])
      .execute();
    // SQLite scans the child table on every parent delete unless the child key is indexed.
    await db.schema
      .createIndex("prompt_versions_parent")
      .on("prompt_versions")
      .columns(["idea_id", "parent_id"])
      .execute();

    await db.schema
      .createTable("generations")
      .addColumn("id", t.text, (c) => c.primaryKey().notNull())
      .addColumn("prompt_id", t.text, (c) => c.notNull())
      .addColumn("idea_id", t.text, (c) => c.notNull().references("ideas.id").onDelete("cascade"))
      .addColumn("backend", t.text, (c) => c.notNull())
      .addColumn("model", t.text, (c) => c.notNull())
      .addColumn("params", t.text, (c) => c.notNull().defaultTo("{}"))
      .addColumn("status", t.text, (c) => c.notNull())
      .addColumn("progress", t.real, (c) => c.notNull().defaultTo(0))
      .addColumn("error", t.text)
      .addColumn("created_at", t.text, (c) => c.notNull())
      .addColumn("started_at", t.text)
      .addColumn("finished_at", t.text)
      .addColumn("duration_ms", t.integer)
      // Also the index for the (idea_id, prompt_id) child key below.
      .addUniqueConstraint("generations_idea_prompt_id", ["idea_id", "prompt_id", "id"])
      .addForeignKeyConstraint(
        "generations_version",
        ["idea_id", "prompt_id"],
        "prompt_versions",
        ["idea_id", "id"],
        (fk) => fk.onDelete("cascade"),
      )
      .addCheckConstraint("generations_status", sql`status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')`)
      .addCheckConstraint("generations_progress", sql`progress >= 0 AND progress <= 1`)
      .execute();
    await db.schema
      .createIndex("generations_status")
      .on("generations")
      .columns(["status", "created_at", "id"])
      .execute();
    await db.schema
      .createIndex("generations_idea_created")
      .on("generations")
      .columns(["idea_id", "created_at", "id"])
      .execute();

    await db.schema
      .createTable("images")
      .addColumn("id", t.text, (c) => c.primaryKey().notNull())
      .addColumn("generation_id", t.text, (c) => c.notNull())
      .addColumn("prompt_id", t.text, (c) => c.notNull())
      .addColumn("idea_id", t.text, (c) => c.notNull().references("ideas.id").onDelete("cascade"))
      .addColumn("width", t.integer, (c) => c.notNull())
      .addColumn("height", t.integer, (c) => c.notNull())
      .addColumn("seed", t.integer)
      .addColumn("mime", t.text, (c) => c.notNull())
      .addColumn("byte_size", t.integer, (c) => c.notNull())
      .addColumn("favorite", t.integer, (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", t.text, (c) => c.notNull())
      .addForeignKeyConstraint(
        "images_generation",
        ["idea_id", "prompt_id", "generation_id"],
        "generations",
        ["idea_id", "prompt_id", "id"],
        (fk) => fk.onDelete("cascade"),
      )
      .addCheckConstraint("images_favorite", sql`favorite IN (0, 1)`)
      .execute();
    await db.schema.createIndex("images_created").on("images").columns(["created_at", "id"]).execute();
    await db.schema.createIndex("images_idea_created").on("images").columns(["idea_id", "created_at", "id"]).execute();
    await db.schema
      .createIndex("images_favorite_created")
      .on("images")
      .columns(["favorite", "created_at", "id"])
      .execute();
    await db.schema
      .createIndex("images_generation_created")
      .on("images")
      .columns(["generation_id", "created_at", "id"])
      .execute();
    await db.schema
      .createIndex("images_generation_key")
      .on("images")
      .columns(["idea_id", "prompt_id", "generation_id"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ["images", "generations", "prompt_versions", "ideas"]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
    await dropFoldFunction(db);
  },
};
