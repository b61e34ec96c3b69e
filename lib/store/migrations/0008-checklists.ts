import "server-only";
import { type Kysely, type Migration, sql } from "kysely";
import { columnTypes, isPostgres } from "./dialect";

/*
 * Does the image match the idea? (issue 11)
 * - prompt_versions.checks: the version's checklist, a JSON array of { id, text, kind, words };
 *   existing versions get '[]' (no checklist yet).
 * - source may be `fix` (a round of a fix loop).
 *
 * SQLite cannot alter a CHECK constraint, so prompt_versions is rebuilt as 0003 did: copy into a
 * new table, drop the old one, rename, recreate its indexes and triggers (0007's activity and
 * search triggers live on it and go with the DROP). Foreign keys are off around the migration
 * (migrateToLatest), so the DROP cascades nowhere; the key check below proves nothing dangles.
 */

const BEFORE = "source IN ('refine', 'edit', 'verbatim')";
const AFTER = "source IN ('refine', 'edit', 'verbatim', 'fix')";

type SchemaRow = { type: string; name: string; sql: string };

async function rebuildSqlite(db: Kysely<unknown>, from: string, to: string): Promise<void> {
  const { rows: keys } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
  if (keys[0]?.foreign_keys !== 0) throw new Error("rebuilding prompt_versions needs foreign keys off");
  const { rows } = await sql<SchemaRow>`
    SELECT type, name, sql FROM sqlite_schema
    WHERE tbl_name = 'prompt_versions' AND sql IS NOT NULL ORDER BY type = 'table' DESC`.execute(db);
  const table = rows.find((r) => r.type === "table")?.sql;
  if (!table?.includes(from)) throw new Error(`prompt_versions has no constraint "${from}" to change`);
  const created = table
    .replace(from, to)
    .replace(/^CREATE TABLE\s+("?)prompt_versions\1/i, 'CREATE TABLE "prompt_versions_rebuilt"');
  await sql.raw(created).execute(db);
  await sql`INSERT INTO prompt_versions_rebuilt SELECT * FROM prompt_versions`.execute(db);
  await sql`DROP TABLE prompt_versions`.execute(db);
  // Between the DROP and the RENAME, 0007's view (and the triggers on ideas that read it) name a
  // table that is not there, and a modern RENAME re-checks the whole schema and refuses. The
  // legacy RENAME only renames: the view and those triggers read prompt_versions by name, which is
  // right again once the rename is done.
  const { rows: legacy } = await sql<{ legacy_alter_table: number }>`PRAGMA legacy_alter_table`.execute(db);
  await sql`PRAGMA legacy_alter_table = ON`.execute(db);
  try {
    await sql`ALTER TABLE prompt_versions_rebuilt RENAME TO prompt_versions`.execute(db);
  } finally {
    if (!legacy[0]?.legacy_alter_table) await sql`PRAGMA legacy_alter_table = OFF`.execute(db);
  }
  // Indexes and triggers on prompt_versions went with the DROP; each comes back as it was.
  for (const other of rows.filter((r) => r.type !== "table")) await sql.raw(other.sql).execute(db);
  const { rows: broken } = await sql`PRAGMA foreign_key_check`.execute(db);
  if (broken.length) throw new Error(`rebuilding prompt_versions left ${broken.length} dangling references`);
}

async function changeSource(db: Kysely<unknown>, from: string, to: string): Promise<void> {
  if (!isPostgres(db)) return rebuildSqlite(db, from, to);
  // Postgres changes a CHECK constraint in place (transactional DDL: both or neither).
  await db.schema.alterTable("prompt_versions").dropConstraint("prompt_versions_source").execute();
  await db.schema.alterTable("prompt_versions").addCheckConstraint("prompt_versions_source", sql.raw(to)).execute();
}

export const checklists: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema
      .alterTable("prompt_versions")
      .addColumn("checks", t.text, (c) => c.notNull().defaultTo("[]"))
      .execute();
    await changeSource(db, BEFORE, AFTER);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    // The older schema knows no `fix`: a fix round reads as what it is underneath, a refinement.
    await sql`UPDATE prompt_versions SET source = 'refine' WHERE source = 'fix'`.execute(db);
    await changeSource(db, AFTER, BEFORE);
    await db.schema.alterTable("prompt_versions").dropColumn("checks").execute();
  },
};
