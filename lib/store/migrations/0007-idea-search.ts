import "server-only";
import { type Kysely, type Migration, sql } from "kysely";
import { FOLD_FUNCTION } from "../text-search";
import { isPostgres } from "./dialect";

/*
 * The Ideas page (issue 10): full-text search and "most recent activity first".
 *
 * ideas.last_activity_at is the latest of the idea's creation and its versions' and generations'
 * creation times. Triggers keep it, so every path that adds a version or a generation (refine,
 * edit, comparisons, db:copy) moves it without the store having to remember; it only ever grows.
 * It stays nullable (SQLite cannot add a NOT NULL column without a default) but is never NULL:
 * a trigger fills it from created_at when an insert leaves it out.
 *
 * idea_search is derived: one row per idea, `body` = its title, its text and every version's
 * prompt, instruction and notes, folded by ps_casefold (NFKC + lower case, text-search.ts: the
 * same function on both dialects, so both indexes see the same words as the query does). A trigger on ideas and on prompt_versions rebuilds the idea's
 * row from the idea_search_source view (a rebuild, not an append, so re-inserting rows, as a
 * resumed db:copy does, can never double the text). It goes with its idea by the foreign key,
 * and db:copy never copies it: the target's triggers build it from the copied rows.
 * - SQLite: an external-content FTS5 table over idea_search (keyed by its INTEGER PRIMARY KEY,
 *   which VACUUM keeps), kept in step by the usual three triggers. unicode61 without diacritic
 *   removal, so "cafe" finds what Postgres' 'simple' configuration finds.
 * - Postgres: a generated tsvector ('simple': lower-cased words, no stemming, no stop words) with
 *   a GIN index.
 * Nothing in the app updates an idea's text or a version's prompt; should that change, the
 * update triggers below already rebuild.
 */

const NOTES_SQLITE = sql`coalesce((SELECT group_concat(n.value, ' ') FROM json_each(v.notes) n), '')`;
const NOTES_POSTGRES = sql`coalesce((SELECT string_agg(n, ' ') FROM json_array_elements_text(v.notes::json) n), '')`;

function sourceView(notes: typeof NOTES_SQLITE, aggregate: "group_concat" | "string_agg") {
  return sql`CREATE VIEW idea_search_source AS
    SELECT i.id AS idea_id,
      ${sql.raw(FOLD_FUNCTION)}(i.title || ' ' || i.text || coalesce((
        SELECT ${sql.raw(aggregate)}(' ' || v.prompt || ' ' || coalesce(v.instruction, '') || ' ' || ${notes}, ' ')
        FROM prompt_versions v WHERE v.idea_id = i.id
      ), '')) AS body
    FROM ideas i`;
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE ideas ADD COLUMN last_activity_at text`.execute(db);
  await sql`UPDATE ideas SET last_activity_at = max(
      created_at,
      coalesce((SELECT max(created_at) FROM prompt_versions v WHERE v.idea_id = ideas.id), ''),
      coalesce((SELECT max(created_at) FROM generations g WHERE g.idea_id = ideas.id), ''))`.execute(db);
  await sql`CREATE TRIGGER ideas_activity_new AFTER INSERT ON ideas WHEN NEW.last_activity_at IS NULL BEGIN
      UPDATE ideas SET last_activity_at = NEW.created_at WHERE id = NEW.id;
    END`.execute(db);
  for (const table of ["prompt_versions", "generations"]) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_activity`)} AFTER INSERT ON ${sql.raw(table)} BEGIN
        UPDATE ideas SET last_activity_at = NEW.created_at
        WHERE id = NEW.idea_id AND (last_activity_at IS NULL OR last_activity_at < NEW.created_at);
      END`.execute(db);
  }

  await sql`CREATE TABLE idea_search (
      doc INTEGER PRIMARY KEY,
      idea_id text NOT NULL UNIQUE REFERENCES ideas (id) ON DELETE CASCADE,
      body text NOT NULL
    )`.execute(db);
  await sourceView(NOTES_SQLITE, "group_concat").execute(db);
  await sql`CREATE VIRTUAL TABLE idea_fts USING fts5(
      body, content = 'idea_search', content_rowid = 'doc', tokenize = 'unicode61 remove_diacritics 0'
    )`.execute(db);
  await sql`CREATE TRIGGER idea_search_ai AFTER INSERT ON idea_search BEGIN
      INSERT INTO idea_fts (rowid, body) VALUES (NEW.doc, NEW.body);
    END`.execute(db);
  await sql`CREATE TRIGGER idea_search_ad AFTER DELETE ON idea_search BEGIN
      INSERT INTO idea_fts (idea_fts, rowid, body) VALUES ('delete', OLD.doc, OLD.body);
    END`.execute(db);
  await sql`CREATE TRIGGER idea_search_au AFTER UPDATE ON idea_search BEGIN
      INSERT INTO idea_fts (idea_fts, rowid, body) VALUES ('delete', OLD.doc, OLD.body);
      INSERT INTO idea_fts (rowid, body) VALUES (NEW.doc, NEW.body);
    END`.execute(db);

  const refresh = (key: string) => sql`
      INSERT INTO idea_search (idea_id, body)
      SELECT idea_id, body FROM idea_search_source WHERE idea_id = ${sql.raw(key)}
      ON CONFLICT (idea_id) DO UPDATE SET body = excluded.body WHERE body IS NOT excluded.body;`;
  await sql`CREATE TRIGGER ideas_search_ai AFTER INSERT ON ideas BEGIN ${refresh("NEW.id")} END`.execute(db);
  await sql`CREATE TRIGGER ideas_search_au AFTER UPDATE OF text, title ON ideas BEGIN ${refresh("NEW.id")} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER versions_search_ai AFTER INSERT ON prompt_versions BEGIN ${refresh("NEW.idea_id")} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER versions_search_au AFTER UPDATE OF prompt, instruction, notes ON prompt_versions BEGIN
      ${refresh("NEW.idea_id")}
    END`.execute(db);
  await sql`INSERT INTO idea_search (idea_id, body) SELECT idea_id, body FROM idea_search_source`.execute(db);
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE ideas ADD COLUMN last_activity_at text COLLATE "C"`.execute(db);
  await sql`UPDATE ideas SET last_activity_at = greatest(
      created_at,
      (SELECT max(created_at) FROM prompt_versions v WHERE v.idea_id = ideas.id),
      (SELECT max(created_at) FROM generations g WHERE g.idea_id = ideas.id))`.execute(db);
  await sql`CREATE FUNCTION promptsmith_idea_activity_new() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.last_activity_at := coalesce(NEW.last_activity_at, NEW.created_at);
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER ideas_activity_new BEFORE INSERT ON ideas
    FOR EACH ROW EXECUTE FUNCTION promptsmith_idea_activity_new()`.execute(db);
  await sql`CREATE FUNCTION promptsmith_idea_activity() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE ideas SET last_activity_at = NEW.created_at
      WHERE id = NEW.idea_id AND (last_activity_at IS NULL OR last_activity_at < NEW.created_at);
      RETURN NULL;
    END $$`.execute(db);
  for (const table of ["prompt_versions", "generations"]) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_activity`)} AFTER INSERT ON ${sql.raw(table)}
      FOR EACH ROW EXECUTE FUNCTION promptsmith_idea_activity()`.execute(db);
  }

  await sql`CREATE TABLE idea_search (
      idea_id text COLLATE "C" PRIMARY KEY REFERENCES ideas (id) ON DELETE CASCADE,
      body text NOT NULL,
      tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
    )`.execute(db);
  await sql`CREATE INDEX idea_search_tsv ON idea_search USING gin (tsv)`.execute(db);
  await sourceView(NOTES_POSTGRES, "string_agg").execute(db);
  for (const [name, key] of [
    ["promptsmith_idea_search_idea", "NEW.id"],
    ["promptsmith_idea_search_version", "NEW.idea_id"],
  ] as const) {
    await sql`CREATE FUNCTION ${sql.raw(name)}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO idea_search (idea_id, body)
        SELECT s.idea_id, s.body FROM idea_search_source s WHERE s.idea_id = ${sql.raw(key)}
        ON CONFLICT (idea_id) DO UPDATE SET body = excluded.body WHERE idea_search.body IS DISTINCT FROM excluded.body;
        RETURN NULL;
      END $$`.execute(db);
  }
  await sql`CREATE TRIGGER ideas_search AFTER INSERT OR UPDATE OF text, title ON ideas
    FOR EACH ROW EXECUTE FUNCTION promptsmith_idea_search_idea()`.execute(db);
  await sql`CREATE TRIGGER versions_search AFTER INSERT OR UPDATE OF prompt, instruction, notes ON prompt_versions
    FOR EACH ROW EXECUTE FUNCTION promptsmith_idea_search_version()`.execute(db);
  await sql`INSERT INTO idea_search (idea_id, body) SELECT idea_id, body FROM idea_search_source`.execute(db);
}

export const ideaSearch: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (isPostgres(db)) await upPostgres(db);
    else await upSqlite(db);
    // "Most recent activity first", and the keyset cursor over it.
    await db.schema.createIndex("ideas_last_activity_id").on("ideas").columns(["last_activity_at", "id"]).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    const pg = isPostgres(db);
    await db.schema.dropIndex("ideas_last_activity_id").execute();
    if (!pg) {
      for (const trigger of [
        "ideas_activity_new",
        "prompt_versions_activity",
        "generations_activity",
        "ideas_search_ai",
        "ideas_search_au",
        "versions_search_ai",
        "versions_search_au",
      ]) {
        await sql`DROP TRIGGER IF EXISTS ${sql.raw(trigger)}`.execute(db);
      }
      await sql`DROP TABLE IF EXISTS idea_fts`.execute(db);
    } else {
      for (const [trigger, table] of [
        ["ideas_activity_new", "ideas"] as const,
        ["prompt_versions_activity", "prompt_versions"],
        ["generations_activity", "generations"],
        ["ideas_search", "ideas"],
        ["versions_search", "prompt_versions"],
      ]) {
        await sql`DROP TRIGGER IF EXISTS ${sql.raw(trigger)} ON ${sql.raw(table)}`.execute(db);
      }
      for (const fn of [
        "promptsmith_idea_activity_new",
        "promptsmith_idea_activity",
        "promptsmith_idea_search_idea",
        "promptsmith_idea_search_version",
      ]) {
        await sql`DROP FUNCTION IF EXISTS ${sql.raw(fn)}()`.execute(db);
      }
    }
    await sql`DROP VIEW IF EXISTS idea_search_source`.execute(db);
    await sql`DROP TABLE IF EXISTS idea_search`.execute(db);
    await sql`ALTER TABLE ideas DROP COLUMN last_activity_at`.execute(db);
  },
};
