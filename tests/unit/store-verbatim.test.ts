import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { type Kysely, Migrator, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSqliteStore } from "@/lib/store";
import { init } from "@/lib/store/migrations/0001-init";
import { iterating } from "@/lib/store/migrations/0002-iterating";
import { verbatimSource } from "@/lib/store/migrations/0003-verbatim-source";
import { openSqlite } from "@/lib/store/open-sqlite";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "promptsmith-verbatim-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const T = "2025-03-01T12:00:00.000Z";

/** A file at 0002 with an idea, two versions, a generation, an image and a Library star. */
async function legacyFile(): Promise<string> {
  const db = openSqlite({ dataDir: dir });
  const migrator = new Migrator({
    db: db as Kysely<unknown>,
    provider: { getMigrations: async () => ({ "0001_init": init, "0002_iterating": iterating }) },
  });
  expect((await migrator.migrateToLatest()).error).toBeUndefined();
  await db.destroy();
  const file = path.join(dir, "promptsmith.db");
  const raw = new BetterSqlite3(file);
  raw.pragma("foreign_keys = ON");
  raw.exec(`
    INSERT INTO ideas (id, text, title, created_at) VALUES ('i', 'a fox', 'Fox', '${T}');
    INSERT INTO prompt_versions (id, idea_id, parent_id, source, instruction, prompt, dialect, refiner, model, title, notes, created_at, parts, locks)
      VALUES ('v1', 'i', NULL, 'refine', NULL, 'a red fox', 'prose', 'offline', 'm', 'Fox', '[]', '${T}', '{"subject":"a red fox"}', '["subject"]'),
             ('v2', 'i', 'v1', 'edit', NULL, 'a red fox at night', 'prose', 'manual', 'manual', 'Fox', '[]', '${T}', NULL, '[]');
    INSERT INTO generations (id, prompt_id, idea_id, backend, model, params, status, progress, created_at)
      VALUES ('g', 'v2', 'i', 'offline', 'm', '{}', 'succeeded', 1, '${T}');
    INSERT INTO images (id, generation_id, prompt_id, idea_id, width, height, mime, byte_size, favorite, created_at)
      VALUES ('img', 'g', 'v2', 'i', 64, 64, 'image/png', 10, 0, '${T}');
  `);
  raw.close();
  return file;
}

describe("migration 0003: a version's source may be verbatim", () => {
  it("rebuilds prompt_versions without losing a row or a reference, and keeps the keys enforced", async () => {
    const file = await legacyFile();
    const store = createSqliteStore({ dataDir: dir });
    try {
      expect((await store.listVersions("i")).map((v) => [v.id, v.source, v.locks])).toEqual([
        ["v1", "refine", ["subject"]],
        ["v2", "edit", []],
      ]);
      expect(await store.getImage("img")).toMatchObject({ prompt: "a red fox at night" });
      expect((await store.getGeneration("g"))?.status).toBe("succeeded");
      await store.createIdeaWithVersion(
        { id: "j", text: "typed", title: "Typed", createdAt: T },
        {
          id: "w1",
          ideaId: "j",
          parentId: null,
          source: "verbatim",
          instruction: null,
          prompt: "(masterpiece:1.2), a fox",
          negativePrompt: null,
          style: null,
          dialect: "tags",
          refiner: "manual",
          model: "manual",
          title: "Typed",
          notes: [],
          parts: null,
          locks: [],
          direction: null,
          approvedAt: null,
          checks: [],
          createdAt: T,
        },
      );
      expect((await store.getVersion("w1"))?.source).toBe("verbatim");
    } finally {
      await store.close();
    }
    const raw = new BetterSqlite3(file);
    try {
      raw.pragma("foreign_keys = ON");
      expect(() => raw.prepare("UPDATE prompt_versions SET source = 'other' WHERE id = 'v1'").run()).toThrow(/CHECK/);
      expect(() =>
        raw
          .prepare(
            `INSERT INTO generations (id, prompt_id, idea_id, backend, model, params, status, progress, created_at)
             VALUES ('g2', 'nope', 'i', 'offline', 'm', '{}', 'queued', 0, '${T}')`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
      const indexes = raw
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'prompt_versions' AND sql IS NOT NULL",
        )
        .all() as Array<{ name: string }>;
      expect(indexes.map((i) => i.name).sort()).toEqual(["prompt_versions_idea_created", "prompt_versions_parent"]);
      // Deleting the idea still cascades through the rebuilt table.
      raw.prepare("DELETE FROM ideas WHERE id = 'i'").run();
      expect(raw.prepare("SELECT count(*) AS n FROM images").get()).toEqual({ n: 0 });
    } finally {
      raw.close();
    }
  });

  it("down turns verbatim versions back into hand-written ones under the old constraint", async () => {
    await legacyFile();
    const db = openSqlite({ dataDir: dir });
    try {
      const raw = (text: string) => sql.raw(text).execute(db);
      // With foreign keys on, the DROP inside would cascade to v2 and the image: it refuses.
      await expect(verbatimSource.up(db as Kysely<unknown>)).rejects.toThrow(/foreign keys off/);
      await raw("PRAGMA foreign_keys = OFF");
      await verbatimSource.up(db as Kysely<unknown>);
      await raw("UPDATE prompt_versions SET source = 'verbatim' WHERE id = 'v1'");
      await verbatimSource.down?.(db as Kysely<unknown>);
      const { rows } = await raw("SELECT id, source FROM prompt_versions ORDER BY id");
      expect(rows).toEqual([
        { id: "v1", source: "edit" },
        { id: "v2", source: "edit" },
      ]);
      await expect(raw("UPDATE prompt_versions SET source = 'verbatim' WHERE id = 'v1'")).rejects.toThrow(/CHECK/);
    } finally {
      await db.destroy();
    }
  });
});
