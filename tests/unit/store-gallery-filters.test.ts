import { Migrator, sql } from "kysely";
import { expect, it } from "vitest";
import type { Generation } from "@/lib/schemas";
import { MIGRATIONS } from "@/lib/store/migrations";
import type { ImageListFilter, Store } from "@/lib/store/types";
import { at, generation, image, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

/*
 * Issue 12: the gallery's filters by model, seed, size and date, its full-text search (FTS5 on
 * SQLite, tsvector on Postgres: migration 0011) and the stored scores the best-score orders read,
 * on both dialects.
 */

let store: Store;

async function ideaWith(
  id: string,
  text: string,
  prompts: string[],
  over: Partial<Generation> = {},
): Promise<Generation[]> {
  const versions = prompts.map((prompt, n) =>
    version(`${id}-v${n}`, id, { prompt, parentId: n ? `${id}-v${n - 1}` : null, createdAt: at(n) }),
  );
  await store.createIdeaWithVersion({ id, text, title: id, createdAt: at(0) }, versions[0] ?? version(id, id));
  for (const v of versions.slice(1)) await store.createVersion(v);
  const gens: Generation[] = [];
  for (const v of versions) {
    const g = generation(`${v.id}-g`, v.id, id, { createdAt: at(0), ...over });
    await store.createGeneration(g);
    gens.push(g);
  }
  return gens;
}

async function walk(filter: ImageListFilter, limit = 2): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const page = await store.listImages({ ...filter, limit, cursor });
    ids.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error("the cursor never ended");
}

describeEachDialect("the gallery at scale: filters, full-text search, stored scores", (dialect) => {
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  it("filters by model, seed, size and a date range, and pages through each", async () => {
    const [a] = await ideaWith("a", "idea a", ["prompt a"], { model: "flux1-dev" });
    const [b] = await ideaWith("b", "idea b", ["prompt b"], { model: "sd_xl_base_1.0" });
    if (!a || !b) throw new Error("no generation");
    await store.completeGeneration(
      a.id,
      [
        image("a1", a, "2025-05-31T23:59:59.999Z", { seed: 7, width: 1024, height: 1024 }),
        image("a2", a, "2025-06-01T00:00:00.000Z", { seed: 7, width: 832, height: 1216 }),
        image("a3", a, "2025-06-15T12:00:00.000Z", { seed: 4_000_000_000, width: 1024, height: 1024 }),
      ],
      {},
    );
    await store.completeGeneration(
      b.id,
      [
        image("b1", b, "2025-06-30T23:59:59.999Z", { seed: 7, width: 1024, height: 1024 }),
        image("b2", b, "2025-07-01T00:00:00.000Z", { seed: null, width: 1216, height: 832 }),
      ],
      {},
    );
    const cases: Array<[ImageListFilter, string[]]> = [
      [{ model: "flux1-dev" }, ["a3", "a2", "a1"]],
      [{ model: "sd_xl_base_1.0" }, ["b2", "b1"]],
      [{ model: "nope" }, []],
      [{ seed: 7 }, ["b1", "a2", "a1"]],
      [{ seed: 4_000_000_000 }, ["a3"]],
      [{ size: { width: 1024, height: 1024 } }, ["b1", "a3", "a1"]],
      [{ size: { width: 832, height: 1216 } }, ["a2"]],
      // from inclusive, to exclusive: June, to the millisecond.
      [{ from: "2025-06-01T00:00:00.000Z", to: "2025-07-01T00:00:00.000Z" }, ["b1", "a3", "a2"]],
      [{ from: "2025-06-15T12:00:00.000Z" }, ["b2", "b1", "a3"]],
      [{ to: "2025-06-01T00:00:00.000Z" }, ["a1"]],
      [{ seed: 7, size: { width: 1024, height: 1024 }, model: "flux1-dev" }, ["a1"]],
    ];
    for (const [filter, expected] of cases) {
      expect(await walk(filter), JSON.stringify(filter)).toEqual(expected);
      // The image page's Previous and Next walk the same filtered list.
      for (const [i, id] of expected.entries()) {
        expect(await store.getImageNeighbours(id, filter)).toEqual({
          previous: expected[i - 1] ?? null,
          next: expected[i + 1] ?? null,
        });
      }
    }
  });

  it("searches by words: of the idea, of the image's own version only, as prefixes, beyond ASCII, through punctuation", async () => {
    const [fox1, fox2] = await ideaWith("fox", "A Fox on the Straße", [
      "red fox, crème brûlée sky",
      "a lighthouse, rock'n'roll poster",
    ]);
    const [cafe] = await ideaWith("cafe", "night café", ["neon CAFÉ-au-lait sign, 100% cotton"]);
    if (!fox1 || !fox2 || !cafe) throw new Error("no generation");
    await store.completeGeneration(fox1.id, [image("f1", fox1, at(1))], {});
    await store.completeGeneration(fox2.id, [image("f2", fox2, at(2))], {});
    await store.completeGeneration(cafe.id, [image("c1", cafe, at(3))], {});
    const search = async (q: string) => (await walk({ q }, 50)).sort();

    // The idea's words find every image of it; a version's prompt only that version's images.
    expect(await search("straße")).toEqual(["f1", "f2"]);
    expect(await search("STRASSE")).toEqual([]); // folded as typed, not transliterated (as the Ideas page)
    expect(await search("crème")).toEqual(["f1"]);
    expect(await search("CRÈME BRÛ")).toEqual(["f1"]); // diacritics, any case, the last word a prefix
    expect(await search("creme")).toEqual([]); // diacritics are kept, as idea_fts keeps them
    expect(await search("lighth")).toEqual(["f2"]); // prefix while typing
    expect(await search("fox lighthouse")).toEqual(["f2"]); // one from the idea, one from its own prompt
    expect(await search("brûlée lighthouse")).toEqual([]); // two versions' words do not add up
    expect(await search("rock'n'roll")).toEqual(["f2"]); // punctuation separates words, as it does in the index
    expect(await search("café-au-lait")).toEqual(["c1"]);
    expect(await search("100%")).toEqual(["c1"]);
    expect(await search("10")).toEqual(["c1"]); // a prefix of 100
    expect(await search("10%")).toEqual([]); // but finished, 10 is not 100
    expect(await search('"fox" -* ^(NEAR)')).toEqual([]); // operators are plain words (near), or nothing
    expect(await search('"fox" *')).toEqual(["f1", "f2"]);
    expect(await search("%")).toEqual([]); // nothing to find
    expect(await search("")).toHaveLength(3);
    // Combined with a filter and paged.
    expect(await walk({ q: "fox", favorite: false }, 1)).toEqual(["f2", "f1"]);
  });

  it("keeps the search in step: a deleted idea's words go with it", async () => {
    const [g] = await ideaWith("x", "a zeppelin", ["over the harbour"]);
    if (!g) throw new Error("no generation");
    await store.completeGeneration(g.id, [image("x1", g, at(1))], {});
    expect((await walk({ q: "zeppelin harbour" })).length).toBe(1);
    await store.deleteIdea("x");
    expect(await walk({ q: "zeppelin" })).toEqual([]);
    const rows = await dialect.query<{ n: number | string }>(sql`SELECT count(*) AS n FROM version_search`);
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it("keeps each image's latest score and each idea's best in step with checks and deletions", async () => {
    const [g] = await ideaWith("s", "scored", ["p"]);
    if (!g) throw new Error("no generation");
    await store.completeGeneration(g.id, [image("s1", g, at(1)), image("s2", g, at(2))], {});
    const check = (id: string, imageId: string, score: number, seconds: number) =>
      store.saveImageCheck({
        id,
        imageId,
        judge: { id: "offline", label: "Offline", model: "m" },
        score,
        items: [],
        createdAt: at(seconds),
      });
    const best = async () => (await store.listIdeas({ limit: 5, sort: "score" })).items[0]?.bestScore;
    expect(await best()).toBeNull();
    await check("k1", "s1", 0.9, 10);
    await check("k2", "s2", 0.5, 11);
    expect(await best()).toBe(0.9);
    await check("k3", "s1", 0.25, 12); // the latest check counts, not the best
    expect(await best()).toBe(0.5);
    expect((await store.listImages({ limit: 5, sort: "score" })).items.map((i) => i.id)).toEqual(["s2", "s1"]);
    await store.deleteImage("s2");
    expect(await best()).toBe(0.25);
    await store.deleteImage("s1");
    expect(await best()).toBeNull();
  });

  it("backfills the search and the scores of rows written before migration 0011, and goes down cleanly", async () => {
    await store.close();
    await dialect.fresh({ empty: true });
    const db = dialect.kysely();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    try {
      // As migrateToLatest does: SQLite's table rebuilds want the keys checked by hand.
      if (dialect.name === "sqlite") await sql`PRAGMA foreign_keys = OFF`.execute(db);
      expect((await migrator.migrateTo("0010_fix_loops")).error).toBeUndefined();
      await sql`INSERT INTO ideas (id, text, title, created_at) VALUES ('old', 'an old heron', 'Old', ${at(0)})`.execute(
        db,
      );
      await sql`INSERT INTO prompt_versions (id, idea_id, parent_id, source, instruction, prompt, style, dialect, refiner,
          model, title, notes, created_at) VALUES ('old-v', 'old', NULL, 'refine', NULL, 'a grey heron in reeds', NULL,
          'prose', 'offline', 'embedded', 'Heron', '[]', ${at(5)})`.execute(db);
      await sql`INSERT INTO generations (id, prompt_id, idea_id, backend, model, params, status, progress, created_at)
          VALUES ('old-g', 'old-v', 'old', 'offline', 'm', '{}', 'succeeded', 1, ${at(9)})`.execute(db);
      for (const id of ["old-1", "old-2"]) {
        await sql`INSERT INTO images (id, generation_id, prompt_id, idea_id, width, height, seed, mime, byte_size, favorite, created_at)
            VALUES (${id}, 'old-g', 'old-v', 'old', 512, 512, 3, 'image/png', 10, 0, ${at(10)})`.execute(db);
      }
      await sql`INSERT INTO image_checks (id, image_id, judge_id, judge_label, judge_model, score, items, created_at)
          VALUES ('k1', 'old-1', 'offline', 'Offline', 'm', 0.75, '[]', ${at(11)})`.execute(db);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      store = dialect.open();
      expect((await walk({ q: "old GREY her" })).sort()).toEqual(["old-1", "old-2"]);
      expect(await walk({ sort: "score" })).toEqual(["old-1", "old-2"]);
      expect(await walk({ minScore: 0.75 })).toEqual(["old-1"]);
      expect((await store.listIdeas({ limit: 1, sort: "score" })).items[0]?.bestScore).toBe(0.75);

      // Down through 0011 and up again: the same answers.
      expect((await migrator.migrateTo("0010_fix_loops")).error).toBeUndefined();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect((await walk({ q: "reeds" })).sort()).toEqual(["old-1", "old-2"]);
      expect(await walk({ minScore: 0.5 })).toEqual(["old-1"]);
    } finally {
      await db.destroy();
    }
  });
});
