import "server-only";
import { type Kysely, type Migration, sql } from "kysely";
import { FOLD_FUNCTION } from "../text-search";
import { isPostgres } from "./dialect";

/*
 * The gallery and the Ideas list at 100,000 images (issue 12).
 *
 * Search: version_search holds one row per prompt version, `body` = its idea's text and its own
 * prompt, folded by ps_casefold as idea_search's is (migration 0007), so a gallery search finds an
 * image by a word of its idea or of its own version's prompt through an index instead of a LIKE
 * scan over every row. Triggers keep it: a new version adds its row; an edited prompt or idea text
 * rewrites it; the foreign key takes it with its version. SQLite: an external-content FTS5 table
 * (unicode61, diacritics kept, as idea_fts). Postgres: a generated 'simple' tsvector with a GIN index.
 *
 * Scores: images.latest_score is the score of the image's latest check (-1 when never checked);
 * ideas.best_score the best latest_score among the idea's images (-1 when none was checked).
 * Triggers keep both (a check added or removed; an image added, removed or re-scored), so "best
 * score first" and a score floor read an indexed column instead of a subquery per row (measured:
 * p95 335 ms for the Ideas page by score at 20,000 ideas, 525 ms for the gallery's at 100,000
 * images; both want ≤ 20 ms). -1 rather than NULL so the keyset (score, time, id) compares plainly.
 *
 * Indexes: one per gallery filter that narrows by a column of images, each ending in the
 * keyset (created_at, id), so a filtered page is a range read, not a scan.
 */

const LATEST = (imageId: string) =>
  sql.raw(`coalesce((SELECT c.score FROM image_checks c WHERE c.image_id = ${imageId}
    ORDER BY c.created_at DESC, c.id DESC LIMIT 1), -1)`);
const BEST = (ideaId: string) =>
  sql.raw(`coalesce((SELECT max(b.latest_score) FROM images b WHERE b.idea_id = ${ideaId}), -1)`);
const BODY = (text: string, prompt: string) => sql.raw(`${FOLD_FUNCTION}(${text} || ' ' || ${prompt})`);

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE version_search (
      doc INTEGER PRIMARY KEY,
      version_id text NOT NULL UNIQUE REFERENCES prompt_versions (id) ON DELETE CASCADE,
      body text NOT NULL
    )`.execute(db);
  await sql`CREATE VIRTUAL TABLE version_fts USING fts5(
      body, content = 'version_search', content_rowid = 'doc', tokenize = 'unicode61 remove_diacritics 0'
    )`.execute(db);
  await sql`CREATE TRIGGER version_search_ai AFTER INSERT ON version_search BEGIN
      INSERT INTO version_fts (rowid, body) VALUES (NEW.doc, NEW.body);
    END`.execute(db);
  await sql`CREATE TRIGGER version_search_ad AFTER DELETE ON version_search BEGIN
      INSERT INTO version_fts (version_fts, rowid, body) VALUES ('delete', OLD.doc, OLD.body);
    END`.execute(db);
  await sql`CREATE TRIGGER version_search_au AFTER UPDATE ON version_search BEGIN
      INSERT INTO version_fts (version_fts, rowid, body) VALUES ('delete', OLD.doc, OLD.body);
      INSERT INTO version_fts (rowid, body) VALUES (NEW.doc, NEW.body);
    END`.execute(db);
  await sql`CREATE TRIGGER versions_image_search_ai AFTER INSERT ON prompt_versions BEGIN
      INSERT INTO version_search (version_id, body)
      SELECT NEW.id, ${BODY("i.text", "NEW.prompt")} FROM ideas i WHERE i.id = NEW.idea_id
      ON CONFLICT (version_id) DO UPDATE SET body = excluded.body WHERE body IS NOT excluded.body;
    END`.execute(db);
  await sql`CREATE TRIGGER versions_image_search_au AFTER UPDATE OF prompt ON prompt_versions BEGIN
      UPDATE version_search SET body = (SELECT ${BODY("i.text", "NEW.prompt")} FROM ideas i WHERE i.id = NEW.idea_id)
      WHERE version_id = NEW.id;
    END`.execute(db);
  await sql`CREATE TRIGGER ideas_image_search_au AFTER UPDATE OF text ON ideas BEGIN
      UPDATE version_search SET body = (SELECT ${BODY("NEW.text", "v.prompt")} FROM prompt_versions v WHERE v.id = version_search.version_id)
      WHERE version_id IN (SELECT id FROM prompt_versions WHERE idea_id = NEW.id);
    END`.execute(db);
  await sql`INSERT INTO version_search (version_id, body)
      SELECT v.id, ${BODY("i.text", "v.prompt")} FROM prompt_versions v JOIN ideas i ON i.id = v.idea_id`.execute(db);

  await sql`ALTER TABLE images ADD COLUMN latest_score real NOT NULL DEFAULT -1`.execute(db);
  await sql`ALTER TABLE ideas ADD COLUMN best_score real NOT NULL DEFAULT -1`.execute(db);
  await sql`CREATE TRIGGER image_checks_score_ai AFTER INSERT ON image_checks BEGIN
      UPDATE images SET latest_score = ${LATEST("NEW.image_id")} WHERE id = NEW.image_id;
    END`.execute(db);
  await sql`CREATE TRIGGER image_checks_score_ad AFTER DELETE ON image_checks BEGIN
      UPDATE images SET latest_score = ${LATEST("OLD.image_id")} WHERE id = OLD.image_id;
    END`.execute(db);
  await sql`CREATE TRIGGER images_best_ai AFTER INSERT ON images WHEN NEW.latest_score >= 0 BEGIN
      UPDATE ideas SET best_score = ${BEST("NEW.idea_id")} WHERE id = NEW.idea_id;
    END`.execute(db);
  await sql`CREATE TRIGGER images_best_au AFTER UPDATE OF latest_score ON images BEGIN
      UPDATE ideas SET best_score = ${BEST("NEW.idea_id")} WHERE id = NEW.idea_id;
    END`.execute(db);
  await sql`CREATE TRIGGER images_best_ad AFTER DELETE ON images WHEN OLD.latest_score >= 0 BEGIN
      UPDATE ideas SET best_score = ${BEST("OLD.idea_id")} WHERE id = OLD.idea_id;
    END`.execute(db);
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE version_search (
      version_id text COLLATE "C" PRIMARY KEY REFERENCES prompt_versions (id) ON DELETE CASCADE,
      body text NOT NULL,
      tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
    )`.execute(db);
  await sql`CREATE FUNCTION promptsmith_version_search() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO version_search (version_id, body)
      SELECT NEW.id, ${BODY("i.text", "NEW.prompt")} FROM ideas i WHERE i.id = NEW.idea_id
      ON CONFLICT (version_id) DO UPDATE SET body = excluded.body WHERE version_search.body IS DISTINCT FROM excluded.body;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER versions_image_search AFTER INSERT OR UPDATE OF prompt ON prompt_versions
    FOR EACH ROW EXECUTE FUNCTION promptsmith_version_search()`.execute(db);
  await sql`CREATE FUNCTION promptsmith_version_search_idea() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE version_search s SET body = ${BODY("NEW.text", "v.prompt")}
      FROM prompt_versions v WHERE v.id = s.version_id AND v.idea_id = NEW.id;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER ideas_image_search AFTER UPDATE OF text ON ideas
    FOR EACH ROW EXECUTE FUNCTION promptsmith_version_search_idea()`.execute(db);
  await sql`INSERT INTO version_search (version_id, body)
      SELECT v.id, ${BODY("i.text", "v.prompt")} FROM prompt_versions v JOIN ideas i ON i.id = v.idea_id`.execute(db);
  await sql`CREATE INDEX version_search_tsv ON version_search USING gin (tsv)`.execute(db);

  await sql`ALTER TABLE images ADD COLUMN latest_score double precision NOT NULL DEFAULT -1`.execute(db);
  await sql`ALTER TABLE ideas ADD COLUMN best_score double precision NOT NULL DEFAULT -1`.execute(db);
  await sql`CREATE FUNCTION promptsmith_image_latest_score() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE target text := CASE WHEN TG_OP = 'DELETE' THEN OLD.image_id ELSE NEW.image_id END;
    BEGIN
      UPDATE images SET latest_score = ${LATEST("target")} WHERE id = target;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER image_checks_score AFTER INSERT OR DELETE ON image_checks
    FOR EACH ROW EXECUTE FUNCTION promptsmith_image_latest_score()`.execute(db);
  await sql`CREATE FUNCTION promptsmith_idea_best_score() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE target text := CASE WHEN TG_OP = 'DELETE' THEN OLD.idea_id ELSE NEW.idea_id END;
    BEGIN
      UPDATE ideas SET best_score = ${BEST("target")} WHERE id = target;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER images_best_ai AFTER INSERT ON images
    FOR EACH ROW WHEN (NEW.latest_score >= 0) EXECUTE FUNCTION promptsmith_idea_best_score()`.execute(db);
  await sql`CREATE TRIGGER images_best_au AFTER UPDATE OF latest_score ON images
    FOR EACH ROW WHEN (OLD.latest_score IS DISTINCT FROM NEW.latest_score) EXECUTE FUNCTION promptsmith_idea_best_score()`.execute(
    db,
  );
  await sql`CREATE TRIGGER images_best_ad AFTER DELETE ON images
    FOR EACH ROW WHEN (OLD.latest_score >= 0) EXECUTE FUNCTION promptsmith_idea_best_score()`.execute(db);
}

/** Gallery filters narrowing by a column of images, each with the newest-first keyset after it. */
const IMAGE_INDEXES: Array<[string, string[]]> = [
  ["images_score_created", ["latest_score", "created_at", "id"]],
  ["images_seed_created", ["seed", "created_at", "id"]],
  ["images_size_created", ["width", "height", "created_at", "id"]],
  // The search's matches are versions: their images, newest first.
  ["images_prompt_created", ["prompt_id", "created_at", "id"]],
];

export const galleryScale: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (isPostgres(db)) await upPostgres(db);
    else await upSqlite(db);
    // Backfill from the checks already stored; the idea's best follows by its trigger.
    await sql`UPDATE images SET latest_score = ${LATEST("images.id")}
      WHERE EXISTS (SELECT 1 FROM image_checks k WHERE k.image_id = images.id)`.execute(db);
    await sql`UPDATE ideas SET best_score = ${BEST("ideas.id")}`.execute(db);
    for (const [name, columns] of IMAGE_INDEXES) {
      await db.schema.createIndex(name).on("images").columns(columns).execute();
    }
    await db.schema
      .createIndex("ideas_best_activity")
      .on("ideas")
      .columns(["best_score", "last_activity_at", "id"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    const pg = isPostgres(db);
    await db.schema.dropIndex("ideas_best_activity").ifExists().execute();
    for (const [name] of IMAGE_INDEXES) await db.schema.dropIndex(name).ifExists().execute();
    if (pg) {
      for (const [trigger, table] of [
        ["versions_image_search", "prompt_versions"],
        ["ideas_image_search", "ideas"],
        ["image_checks_score", "image_checks"],
        ["images_best_ai", "images"],
        ["images_best_au", "images"],
        ["images_best_ad", "images"],
      ]) {
        await sql`DROP TRIGGER IF EXISTS ${sql.raw(trigger ?? "")} ON ${sql.raw(table ?? "")}`.execute(db);
      }
      for (const fn of [
        "promptsmith_version_search",
        "promptsmith_version_search_idea",
        "promptsmith_image_latest_score",
        "promptsmith_idea_best_score",
      ]) {
        await sql`DROP FUNCTION IF EXISTS ${sql.raw(fn)}()`.execute(db);
      }
    } else {
      for (const trigger of [
        "version_search_ai",
        "version_search_ad",
        "version_search_au",
        "versions_image_search_ai",
        "versions_image_search_au",
        "ideas_image_search_au",
        "image_checks_score_ai",
        "image_checks_score_ad",
        "images_best_ai",
        "images_best_au",
        "images_best_ad",
      ]) {
        await sql`DROP TRIGGER IF EXISTS ${sql.raw(trigger)}`.execute(db);
      }
      await sql`DROP TABLE IF EXISTS version_fts`.execute(db);
    }
    await sql`DROP TABLE IF EXISTS version_search`.execute(db);
    await sql`ALTER TABLE images DROP COLUMN latest_score`.execute(db);
    await sql`ALTER TABLE ideas DROP COLUMN best_score`.execute(db);
  },
};
