import "server-only";
import type { Kysely, Migration } from "kysely";
import { columnTypes } from "./dialect";

/*
 * House rules (issue 13): a team's standing preferences for the refiner, kept as versions. Each
 * save is a new row numbered after the last (1, 2, 3…); rows are never changed or deleted, so any
 * version a prompt version names can be shown again. prompt_versions.house_rules_version is the
 * version a refinement ran with (null: none set, switched off, or not refined). No foreign key:
 * the history is append-only, and db:copy need not order the two tables.
 * SQLite adds a nullable column in place (no table rebuild), as Postgres does.
 */
export const houseRules: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema
      .createTable("house_rules")
      .addColumn("version", t.integer, (c) => c.primaryKey().notNull())
      .addColumn("text", t.text, (c) => c.notNull())
      .addColumn("created_at", t.text, (c) => c.notNull())
      .execute();
    await db.schema.alterTable("prompt_versions").addColumn("house_rules_version", t.integer).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("prompt_versions").dropColumn("house_rules_version").execute();
    await db.schema.dropTable("house_rules").ifExists().execute();
  },
};
