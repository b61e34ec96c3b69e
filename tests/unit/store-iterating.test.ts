import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Comparison, Generation, PromptVersion } from "@/lib/schemas";
import { MIGRATION_NAMES } from "@/lib/store/migrations";
import { init } from "@/lib/store/migrations/0001-init";
import { verbatimSource } from "@/lib/store/migrations/0003-verbatim-source";
import type { Store } from "@/lib/store/types";
import { at, generation as generationRow, idea, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

let store: Store;

const generation = (id: string, promptId: string, ideaId: string): Generation =>
  generationRow(id, promptId, ideaId, { params: { size: "512x512", n: 1, seed: 9 } });

function comparison(id: string, ideaId: string, cells: Array<[string, string]>, createdAt = at(3)): Comparison {
  return {
    id,
    ideaId,
    kind: "versions",
    seed: 4_000_000_000,
    params: { size: "512x512" },
    title: "v1 vs v2",
    cells: cells.map(([versionId, generationId], position) => ({
      position,
      label: `v${position + 1} · Offline`,
      versionId,
      backend: "offline",
      generationId,
    })),
    createdAt,
  };
}

describeEachDialect("store: iterating", (dialect) => {
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  describe("migration 0002 on a database written by 0001", () => {
    it("keeps every row: old versions read back with parts null, locks [] and no direction", async () => {
      await store.close();
      await dialect.fresh({ empty: true }); // no schema: the store above may have migrated already
      const db = dialect.kysely();
      const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ "0001_init": init }) } });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      await db.destroy();

      await dialect.query(
        sql`INSERT INTO ideas (id, text, title, created_at) VALUES ('old', 'an old fox', 'Old', ${at(0)})`,
      );
      const insertVersion = (
        id: string,
        parentId: string | null,
        instruction: string | null,
        prompt: string,
        createdAt: string,
      ) =>
        dialect.query(
          sql`INSERT INTO prompt_versions (id, idea_id, parent_id, source, instruction, prompt, negative_prompt, style,
              dialect, refiner, model, title, notes, created_at) VALUES (${id}, 'old', ${parentId}, 'refine', ${instruction},
              ${prompt}, NULL, 'watercolor', 'prose', 'offline', 'embedded', 'Old fox', '["a note"]', ${createdAt})`,
        );
      await insertVersion("old-v1", null, null, "an old red fox", at(1));
      await insertVersion("old-v2", "old-v1", "make it night", "an old red fox at night", at(2));
      await dialect.query(
        sql`INSERT INTO generations (id, prompt_id, idea_id, backend, model, params, status, progress, created_at)
            VALUES ('old-g', 'old-v2', 'old', 'offline', 'm', '{"size":"512x512","n":1}', 'succeeded', 1, ${at(3)})`,
      );
      await dialect.query(
        sql`INSERT INTO images (id, generation_id, prompt_id, idea_id, width, height, seed, mime, byte_size, favorite, created_at)
            VALUES ('old-i', 'old-g', 'old-v2', 'old', 512, 512, 5, 'image/png', 10, 1, ${at(4)})`,
      );

      store = dialect.open();
      const versions = await store.listVersions("old");
      expect(versions).toEqual([
        expect.objectContaining({ id: "old-v1", parentId: null, parts: null, locks: [], direction: null }),
        expect.objectContaining({
          id: "old-v2",
          parentId: "old-v1",
          instruction: "make it night",
          style: "watercolor",
          notes: ["a note"],
          parts: null,
          locks: [],
          direction: null,
        }),
      ]);
      expect((await store.getGeneration("old-g"))?.status).toBe("succeeded");
      expect(await store.getImage("old-i")).toMatchObject({ favorite: true, prompt: "an old red fox at night" });
      expect((await store.listIdeas({ limit: 5 })).items[0]).toMatchObject({
        id: "old",
        versionCount: 2,
        imageCount: 1,
      });
      expect((await store.listIdeas({ limit: 5, q: "OLD FOX" })).items.map((i) => i.id)).toEqual(["old"]);

      // The new tables work on the migrated database.
      expect(
        (await store.starVersion({ id: "star", versionId: "old-v2", name: "Night fox", createdAt: at(5) }))?.created,
      ).toBe(true);
      // And 0003's wider constraint: a version kept verbatim.
      await store.createVersion(version("typed", "old", { parentId: "old-v2", source: "verbatim", createdAt: at(6) }));
      expect((await store.getVersion("typed"))?.source).toBe("verbatim");
      await expect(
        store.createVersion(version("bogus", "old", { source: "bogus" as PromptVersion["source"] })),
      ).rejects.toThrow();
      expect((await dialect.schema()).migrations).toEqual(MIGRATION_NAMES);
    });
  });

  // SQLite's rebuild of the table is tested in store-verbatim.test.ts; Postgres alters the constraint in place.
  it.runIf(dialect.name === "postgres")(
    "0003 down turns verbatim versions into edits under the old constraint",
    async () => {
      await store.createIdeaWithVersion(idea("i"), version("v1", "i", { source: "verbatim" }));
      await store.close();
      const db = dialect.kysely();
      try {
        await db.transaction().execute((trx) => verbatimSource.down?.(trx) ?? Promise.resolve());
      } finally {
        await db.destroy();
      }
      expect(await dialect.query(sql`SELECT id, source FROM prompt_versions`)).toEqual([{ id: "v1", source: "edit" }]);
      await expect(dialect.query(sql`UPDATE prompt_versions SET source = 'verbatim'`)).rejects.toThrow(
        /check constraint/,
      );
      store = dialect.open();
    },
  );

  describe("versions: parts, locks, direction", () => {
    it("round-trips them and updates locks alone", async () => {
      const v = version("v", "i", {
        parts: { subject: "a red fox", lighting: "golden hour light", negative: "blurry" },
        locks: ["lighting", "subject"],
        direction: "Bolder: dramatic light",
      });
      await store.createIdeaWithVersion(idea("i"), v);
      // Stored in anatomy order, whatever order they came in.
      expect(await store.getVersion("v")).toEqual({ ...v, locks: ["subject", "lighting"] });
      const updated = await store.setVersionLocks("v", ["negative"]);
      expect(updated).toEqual({ ...v, locks: ["negative"] });
      expect(await store.setVersionLocks("missing", [])).toBeUndefined();
    });
  });

  describe("library", () => {
    async function starred() {
      await store.createIdeaWithVersion(
        idea("i", "A fox in the Snow"),
        version("v1", "i", {
          prompt: "A red fox curled in deep snow",
          negativePrompt: "blurry",
          style: "watercolor",
          dialect: "tags",
          parts: { subject: "A red fox" },
        }),
      );
      await store.createVersion(version("v2", "i", { parentId: "v1", prompt: "Ein Fuchs im ÉCLAT", createdAt: at(2) }));
    }

    it("keeps a snapshot, one entry per version: starring again renames it", async () => {
      await starred();
      const first = await store.starVersion({ id: "e1", versionId: "v1", name: "Fox", createdAt: at(10) });
      expect(first).toEqual({
        created: true,
        entry: {
          id: "e1",
          name: "Fox",
          versionId: "v1",
          ideaId: "i",
          ideaText: "A fox in the Snow",
          prompt: "A red fox curled in deep snow",
          negativePrompt: "blurry",
          style: "watercolor",
          dialect: "tags",
          parts: { subject: "A red fox" },
          createdAt: at(10),
        },
      });
      const again = await store.starVersion({ id: "e2", versionId: "v1", name: "Snow fox", createdAt: at(11) });
      expect(again).toEqual({ created: false, entry: { ...first?.entry, name: "Snow fox" } });
      expect(await store.getLibraryEntry("e2")).toBeUndefined();
      expect(await store.starVersion({ id: "e3", versionId: "missing", name: "x", createdAt: at(12) })).toBeUndefined();
    });

    it("searches name, prompt and idea text case-insensitively, pages newest first", async () => {
      await starred();
      await store.starVersion({ id: "e1", versionId: "v1", name: "Winter study", createdAt: at(10) });
      await store.starVersion({ id: "e2", versionId: "v2", name: "German 100%", createdAt: at(11) });
      const ids = async (q: string) => (await store.listLibrary({ limit: 10, q })).items.map((e) => e.id);
      expect(await ids("")).toEqual(["e2", "e1"]);
      expect(await ids("WINTER")).toEqual(["e1"]); // name
      expect(await ids("curled")).toEqual(["e1"]); // prompt
      expect(await ids("snow")).toEqual(["e2", "e1"]); // e2 only through its idea text
      expect(await ids("éclat")).toEqual(["e2"]); // beyond ASCII
      expect(await ids("100%")).toEqual(["e2"]);
      expect(await ids("%")).toEqual(["e2"]); // a literal %, not a wildcard
      expect(await ids("fox nothing")).toEqual([]);

      const page1 = await store.listLibrary({ limit: 1 });
      expect(page1.items.map((e) => e.id)).toEqual(["e2"]);
      const page2 = await store.listLibrary({ limit: 1, cursor: page1.nextCursor ?? "" });
      expect(page2).toEqual({ items: [expect.objectContaining({ id: "e1" })], nextCursor: null });
      expect((await store.listLibraryForIdea("i")).map((e) => e.id)).toEqual(["e2", "e1"]);
    });

    it("renames and deletes; an entry outlives its idea with versionId and ideaId null", async () => {
      await starred();
      await store.starVersion({ id: "e1", versionId: "v1", name: "Fox", createdAt: at(10) });
      expect((await store.renameLibraryEntry("e1", "Renamed"))?.name).toBe("Renamed");
      expect(await store.renameLibraryEntry("nope", "x")).toBeUndefined();

      expect((await store.deleteIdea("i")).deleted).toBe(true);
      const orphan = await store.getLibraryEntry("e1");
      expect(orphan).toMatchObject({
        versionId: null,
        ideaId: null,
        prompt: "A red fox curled in deep snow",
        name: "Renamed",
      });
      expect(await store.listLibraryForIdea("i")).toEqual([]);

      // A second orphan is fine (NULLs do not collide in the unique index).
      await store.createIdeaWithVersion(idea("j"), version("w", "j"));
      await store.starVersion({ id: "e2", versionId: "w", name: "W", createdAt: at(11) });
      await store.deleteIdea("j");
      expect((await store.listLibrary({ limit: 10 })).items.map((e) => [e.id, e.versionId])).toEqual([
        ["e2", null],
        ["e1", null],
      ]);

      expect(await store.deleteLibraryEntry("e1")).toBe(true);
      expect(await store.deleteLibraryEntry("e1")).toBe(false);
    });
  });

  describe("comparisons", () => {
    async function twoVersions(ideaId = "i") {
      await store.createIdeaWithVersion(idea(ideaId), version(`${ideaId}-v1`, ideaId));
      await store.createVersion(version(`${ideaId}-v2`, ideaId, { parentId: `${ideaId}-v1`, createdAt: at(2) }));
    }

    it("saves the generations, the comparison and its cells together, and reads them back", async () => {
      await twoVersions();
      const gens = [generation("g1", "i-v1", "i"), generation("g2", "i-v2", "i")];
      const c = comparison("c1", "i", [
        ["i-v1", "g1"],
        ["i-v2", "g2"],
      ]);
      await store.createComparison(c, gens);
      expect(await store.getComparison("c1")).toEqual(c);
      expect(await store.getGeneration("g2")).toEqual(gens[1]);
      const later = comparison("c2", "i", [["i-v1", "g1"]], at(9));
      await store.createComparison(later, []);
      expect((await store.listComparisons("i")).map((x) => x.id)).toEqual(["c2", "c1"]);
      expect(await store.listComparisons("other")).toEqual([]);
    });

    it("refuses a cell whose generation is another version's or another idea's, writing nothing", async () => {
      await twoVersions("i");
      await twoVersions("j");
      const swapped = comparison("bad", "i", [["i-v1", "g2"]]);
      await expect(
        store.createComparison(swapped, [generation("g1", "i-v1", "i"), generation("g2", "i-v2", "i")]),
      ).rejects.toThrow();
      expect(await store.getComparison("bad")).toBeUndefined();
      expect(await store.getGeneration("g1")).toBeUndefined(); // the whole transaction rolled back

      const crossIdea = comparison("bad2", "i", [["j-v1", "gj"]]);
      await expect(store.createComparison(crossIdea, [generation("gj", "j-v1", "j")])).rejects.toThrow();
      expect(await store.getGeneration("gj")).toBeUndefined();
    });

    it("deleting a comparison keeps the generations; deleting the idea takes its comparisons", async () => {
      await twoVersions();
      await store.createComparison(
        comparison("c1", "i", [
          ["i-v1", "g1"],
          ["i-v2", "g2"],
        ]),
        [generation("g1", "i-v1", "i"), generation("g2", "i-v2", "i")],
      );
      await store.createComparison(comparison("c2", "i", [["i-v1", "g1"]], at(5)), []);
      expect(await store.deleteComparison("c1")).toBe(true);
      expect(await store.deleteComparison("c1")).toBe(false);
      expect(await store.getGeneration("g1")).toBeDefined();
      expect(await store.getGeneration("g2")).toBeDefined();

      await store.deleteIdea("i");
      expect(await store.getComparison("c2")).toBeUndefined();
      const [cells] = await dialect.query<{ n: number | string }>(sql`SELECT count(*) AS n FROM comparison_cells`);
      expect(Number(cells?.n)).toBe(0);
    });
  });
});
