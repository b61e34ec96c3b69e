import "server-only";
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes } from "./dialect";

/*
 * Iterating (#4): a version's anatomy, locks and candidate direction; the library; comparisons.
 *
 * Existing versions get parts NULL (unknown) and locks '[]'. The library keeps a snapshot of the
 * version, so an entry outlives its idea: its (idea_id, version_id) pair points at the version
 * through the same composite key the rest of the tree uses, and SET NULL clears both columns at
 * once when the idea (and so the version) goes. Comparisons belong to an idea and go with it; a
 * cell's (idea_id, version_id, generation_id) must be a generation of that version of that idea.
 */
export const iterating: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema.alterTable("prompt_versions").addColumn("parts", t.text).execute();
    await db.schema
      .alterTable("prompt_versions")
      .addColumn("locks", t.text, (c) => c.notNull().defaultTo("[]"))
      .execute();
    await db.schema.alterTable("prompt_versions").addColumn("direction", t.text).execute();

    await db.schema
      .createTable("library_entries")
      .addColumn("id", t.text, (c) => c.primaryKey().notNull())
      .addColumn("name", t.text, (c) => c.notNull())
      .addColumn("version_id", t.text)
      .addColumn("idea_id", t.text)
      .addColumn("idea_text", t.text, (c) => c.notNull())
      .addColumn("prompt", t.text, (c) => c.notNull())
      .addColumn("negative_prompt", t.text)
      .addColumn("style", t.text)
      .addColumn("dialect", t.text, (c) => c.notNull())
      .addColumn("parts", t.text)
      .addColumn("created_at", t.text, (c) => c.notNull())
      .addForeignKeyConstraint(
        "library_entries_version",
        ["idea_id", "version_id"],
        "prompt_versions",
        ["idea_id", "id"],
        (fk) => fk.onDelete("set null"),
      )
      // Both set (starred from a live version) or both cleared (its idea was deleted).
      .addCheckConstraint("library_entries_origin", sql`(idea_id IS NULL) = (version_id IS NULL)`)
      .addCheckConstraint("library_entries_dialect", sql`dialect IN ('prose', 'tags')`)
      .execute();
    // NULLs are distinct in a unique index: any number of orphaned entries, one per live version.
    await db.schema
      .createIndex("library_entries_version")
      .on("library_entries")
      .column("version_id")
      .unique()
      .execute();
    // The child key of the foreign key above (else every version delete scans the table), and "this idea's entries".
    await db.schema
      .createIndex("library_entries_idea_version")
      .on("library_entries")
      .columns(["idea_id", "version_id"])
      .execute();
    await db.schema
      .createIndex("library_entries_created")
      .on("library_entries")
      .columns(["created_at", "id"])
      .execute();

    await db.schema
      .createTable("comparisons")
      .addColumn("id", t.text, (c) => c.primaryKey().notNull())
      .addColumn("idea_id", t.text, (c) => c.notNull().references("ideas.id").onDelete("cascade"))
      .addColumn("kind", t.text, (c) => c.notNull())
      .addColumn("seed", t.integer, (c) => c.notNull())
      .addColumn("params", t.text, (c) => c.notNull().defaultTo("{}"))
      .addColumn("title", t.text, (c) => c.notNull())
      .addColumn("created_at", t.text, (c) => c.notNull())
      .addUniqueConstraint("comparisons_idea_id_id", ["idea_id", "id"])
      .addCheckConstraint("comparisons_kind", sql`kind IN ('versions', 'backends')`)
      .execute();
    await db.schema
      .createIndex("comparisons_idea_created")
      .on("comparisons")
      .columns(["idea_id", "created_at", "id"])
      .execute();

    await db.schema
      .createTable("comparison_cells")
      .addColumn("comparison_id", t.text, (c) => c.notNull())
      .addColumn("position", t.integer, (c) => c.notNull())
      .addColumn("idea_id", t.text, (c) => c.notNull())
      .addColumn("label", t.text, (c) => c.notNull())
      .addColumn("version_id", t.text, (c) => c.notNull())
      .addColumn("backend", t.text, (c) => c.notNull())
      .addColumn("generation_id", t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint("comparison_cells_pk", ["comparison_id", "position"])
      .addForeignKeyConstraint(
        "comparison_cells_comparison",
        ["idea_id", "comparison_id"],
        "comparisons",
        ["idea_id", "id"],
        (fk) => fk.onDelete("cascade"),
      )
      .addForeignKeyConstraint(
        "comparison_cells_generation",
        ["idea_id", "version_id", "generation_id"],
        "generations",
        ["idea_id", "prompt_id", "id"],
        (fk) => fk.onDelete("cascade"),
      )
      .execute();
    await db.schema
      .createIndex("comparison_cells_comparison_key")
      .on("comparison_cells")
      .columns(["idea_id", "comparison_id"])
      .execute();
    await db.schema
      .createIndex("comparison_cells_generation_key")
      .on("comparison_cells")
      .columns(["idea_id", "version_id", "generation_id"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ["comparison_cells", "comparisons", "library_entries"]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
    for (const column of ["direction", "locks", "parts"]) {
      await db.schema.alterTable("prompt_versions").dropColumn(column).execute();
    }
  },
};
