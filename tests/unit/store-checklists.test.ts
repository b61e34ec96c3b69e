/**
 * A checklist per version (issue 11, migration 0008): prompt_versions.checks round-trips, an old
 * row reads as [], source may be `fix`, and on SQLite the table rebuild keeps every column
 * (approved_at), every index and 0007's triggers (activity and search). Both dialects.
 */
import { Migrator, sql } from "kysely";
import { expect, it } from "vitest";
import type { CheckItem } from "@/lib/schemas/checks";
import { MIGRATION_NAMES } from "@/lib/store/migrations";
import { init } from "@/lib/store/migrations/0001-init";
import { iterating } from "@/lib/store/migrations/0002-iterating";
import { verbatimSource } from "@/lib/store/migrations/0003-verbatim-source";
import { jobLeases } from "@/lib/store/migrations/0004-job-leases";
import { queuePlaces } from "@/lib/store/migrations/0005-queue-places";
import { sharing } from "@/lib/store/migrations/0006-sharing";
import { ideaSearch } from "@/lib/store/migrations/0007-idea-search";
import { checklists } from "@/lib/store/migrations/0008-checklists";
import type { Store } from "@/lib/store/types";
import { at, idea, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

const CHECKS: CheckItem[] = [
  { id: "c1", text: "there are exactly two foxes", kind: "count", words: ["two", "foxes"] },
  { id: "c2", text: "the foxes are red", kind: "attribute", words: ["red", "foxes"] },
  { id: "c3", text: "the sign reads “OPEN”", kind: "text", words: ["OPEN"] },
];

describeEachDialect("store: checklists", (dialect) => {
  let store: Store;
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  it("keeps a version's checklist and reads a fix round back", async () => {
    await store.createIdeaWithVersion(idea("i", "two red foxes"), version("v1", "i", { checks: CHECKS }));
    await store.createVersion(
      version("v2", "i", { parentId: "v1", source: "fix", instruction: "fix: two foxes", createdAt: at(5) }),
    );
    expect((await store.getVersion("v1"))?.checks).toEqual(CHECKS);
    expect(await store.getVersion("v2")).toMatchObject({ source: "fix", checks: [] });
    expect((await store.listVersions("i")).map((v) => v.checks.length)).toEqual([3, 0]);
  });

  it("reads a checklist that no longer parses as what still does", async () => {
    await store.createIdeaWithVersion(idea("i"), version("v1", "i"));
    const bad = JSON.stringify([CHECKS[0], { id: "x", text: "", kind: "count" }, { id: "y", text: "z", kind: "mood" }]);
    await dialect.query(sql`UPDATE prompt_versions SET checks = ${bad} WHERE id = 'v1'`);
    expect((await store.getVersion("v1"))?.checks).toEqual([CHECKS[0]]);
    await dialect.query(sql`UPDATE prompt_versions SET checks = 'not json' WHERE id = 'v1'`);
    expect((await store.getVersion("v1"))?.checks).toEqual([]);
  });

  it("keeps one hand edit per prompt and checklist", async () => {
    await store.createIdeaWithVersion(idea("i"), version("v1", "i", { checks: CHECKS }));
    const edit = (id: string, checks: CheckItem[]) =>
      store.saveEdit(
        version(id, "i", { parentId: "v1", source: "edit", prompt: "same words", checks, createdAt: at(9) }),
      );
    expect((await edit("e1", CHECKS)).id).toBe("e1");
    expect((await edit("e2", CHECKS)).id).toBe("e1");
    // The keys' order in the stored JSON is ours, not the caller's.
    const reordered = CHECKS.map(({ words, kind, text, id }) => ({ words, kind, text, id }));
    expect((await edit("e3", reordered)).id).toBe("e1");
    expect((await edit("e4", CHECKS.slice(1))).id).toBe("e4");
  });

  it("adds the column to existing rows, widens source, and keeps approvals, keys, indexes and search", async () => {
    await store.close();
    await dialect.fresh({ empty: true });
    const migrations = {
      "0001_init": init,
      "0002_iterating": iterating,
      "0003_verbatim_source": verbatimSource,
      "0004_job_leases": jobLeases,
      "0005_queue_places": queuePlaces,
      "0006_sharing": sharing,
      "0007_idea_search": ideaSearch,
      "0008_checklists": checklists,
    };
    expect(MIGRATION_NAMES.slice(0, 8)).toEqual(Object.keys(migrations));
    const db = dialect.kysely();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    try {
      if (dialect.name === "sqlite") await sql`PRAGMA foreign_keys = OFF`.execute(db);
      expect((await migrator.migrateTo("0007_idea_search")).error).toBeUndefined();
      const schemaBefore = await dialect.schema();
      await sql`INSERT INTO ideas (id, text, title, created_at) VALUES ('old', 'an old heron', 'Old', ${at(0)})`.execute(
        db,
      );
      await sql`INSERT INTO prompt_versions (id, idea_id, parent_id, source, instruction, prompt, style, dialect, refiner,
          model, title, notes, created_at, approved_at) VALUES ('old-v', 'old', NULL, 'verbatim', NULL, 'a grey heron',
          NULL, 'prose', 'manual', 'manual', 'Heron', '[]', ${at(5)}, ${at(6)})`.execute(db);
      await sql`INSERT INTO generations (id, prompt_id, idea_id, backend, model, params, status, progress, created_at)
          VALUES ('old-g', 'old-v', 'old', 'offline', 'm', '{}', 'succeeded', 1, ${at(7)})`.execute(db);
      await sql`INSERT INTO images (id, generation_id, prompt_id, idea_id, width, height, mime, byte_size, favorite, created_at)
          VALUES ('old-img', 'old-g', 'old-v', 'old', 64, 64, 'image/png', 10, 0, ${at(8)})`.execute(db);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      // Down: a fix round becomes a refinement and the column goes; up again reads every row as [].
      await sql`UPDATE prompt_versions SET source = 'fix', checks = '[{"id":"c1","text":"a heron","kind":"entity","words":[]}]'`.execute(
        db,
      );
      expect((await migrator.migrateTo("0007_idea_search")).error).toBeUndefined();
      expect(await dialect.query(sql`SELECT id, source FROM prompt_versions`)).toEqual([
        { id: "old-v", source: "refine" },
      ]);
      await sql`UPDATE prompt_versions SET source = 'verbatim'`.execute(db);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      if (dialect.name === "sqlite") await sql`PRAGMA foreign_keys = ON`.execute(db);

      // The same indexes (and, on SQLite, the same triggers) as before the rebuilds.
      expect((await dialect.schema()).indexes).toEqual(schemaBefore.indexes);
      if (dialect.name === "sqlite") {
        const triggers = await dialect.query<{ name: string }>(
          sql`SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'prompt_versions' ORDER BY name`,
        );
        expect(triggers.map((t) => t.name)).toEqual([
          "prompt_versions_activity",
          "versions_search_ai",
          "versions_search_au",
        ]);
      }

      // The store migrates the rest of the way (later migrations) and reads the old row whole.
      store = dialect.open();
      expect(await store.getVersion("old-v")).toMatchObject({ source: "verbatim", approvedAt: at(6), checks: [] });
      expect(await store.getImage("old-img")).toMatchObject({ prompt: "a grey heron" });

      // A version added after the migration: searchable, moves the activity, carries its checklist.
      await store.createVersion(
        version("new-v", "old", {
          parentId: "old-v",
          source: "fix",
          prompt: "a grey heron among bulrushes",
          checks: CHECKS,
          createdAt: at(20),
        }),
      );
      const found = await store.listIdeas({ limit: 10, q: "bulrushes" });
      expect(found.items.map((i) => i.id)).toEqual(["old"]);
      expect(found.items[0]?.lastActivityAt).toBe(at(20));
      expect((await store.getVersion("new-v"))?.checks).toEqual(CHECKS);
      // The constraint still refuses a source it does not know, and the keys still hold.
      await expect(
        dialect.query(sql`UPDATE prompt_versions SET source = 'other' WHERE id = 'new-v'`),
      ).rejects.toThrow();
      await expect(
        dialect.query(sql`INSERT INTO generations (id, prompt_id, idea_id, backend, model, params, status, progress,
            created_at) VALUES ('g2', 'nope', 'old', 'offline', 'm', '{}', 'queued', 0, ${at(30)})`),
      ).rejects.toThrow();
      // Deleting the idea still cascades through the rebuilt table.
      expect(await store.deleteIdea("old")).toMatchObject({ deleted: true });
      expect(await store.getImage("old-img")).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });
});
