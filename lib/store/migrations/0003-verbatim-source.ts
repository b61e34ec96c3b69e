import "server-only";
import { type Kysely, type Migration, sql } from "kysely";
import { isPostgres } from "./dialect";

/*
 * A version's source may be `verbatim` (a prompt typed in the Studio and kept as written).
 * SQLite cannot alter a CHECK constraint, so prompt_versions is rebuilt the documented way:
 * copy into a new table, drop the old one, rename, recreate its indexes. This needs foreign
 * keys off (a DROP would otherwise cascade to every generation and image), which
 * migrateToLatest arranges around every migration; the check below proves nothing dangles.
 */

const BEFORE = "source IN ('refine', 'edit')";
const AFTER = "source IN ('refine', 'edit', 'verbatim')";

async function rebuildPromptVersions(db: Kysely<unknown>, from: string, to: string): Promise<void> {
  if (isPostgres(db)) {
    // Postgres changes a CHECK constraint in place (transactional DDL: both or neither).
    await db.schema.alterTable("prompt_versions").dropConstraint("prompt_versions_source").execute();
    await db.schema.alterTable("prompt_versions").addCheckConstraint("prompt_versions_source", sql.raw(to)).execute();
    return;
  }
  const { rows: keys } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
  if (keys[0]?.foreign_keys !== 0) throw new Error("rebuilding prompt_versions needs foreign keys off");
  const { rows } = await sql<{ type: string; sql: string }>`
    SELECT type, sql FROM sqlite_schema
    WHERE tbl_name = 'prompt_versions' AND sql IS NOT NULL ORDER BY type = 'table' DESC`.execute(db);
  const table = rows.find((r) => r.type === "table")?.sql;
  if (!table?.includes(from)) throw new Error(`prompt_versions has no constraint "${from}" to change`);
  const created = table
    .replace(from, to)
    .replace(/^CREATE TABLE\s+("?)prompt_versions\1/i, 'CREATE TABLE "prompt_versions_rebuilt"');
  await sql.raw(created).execute(db);
  await sql`INSERT INTO prompt_versions_rebuilt SELECT * FROM prompt_versions`.execute(db);
  await sql`DROP TABLE prompt_versions`.execute(db);
  await sql`ALTER TABLE prompt_versions_rebuilt RENAME TO prompt_versions`.execute(db);
  for (const other of rows.filter((r) => r.type !== "table")) await sql.raw(other.sql).execute(db);
  const { rows: broken } = await sql`PRAGMA foreign_key_check`.execute(db);
  if (broken.length) throw new Error(`rebuilding prompt_versions left ${broken.length} dangling references`);
}

export const verbatimSource: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await rebuildPromptVersions(db, BEFORE, AFTER);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    // The older schema knows no `verbatim`: such a version reads as what it was before, a prompt written by hand.
    await sql`UPDATE prompt_versions SET source = 'edit' WHERE source = 'verbatim'`.execute(db);
    await rebuildPromptVersions(db, AFTER, BEFORE);
  },
};
