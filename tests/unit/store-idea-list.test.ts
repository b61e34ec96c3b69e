/**
 * The Ideas page's list (issue 10): full-text search (SQLite FTS5, Postgres tsvector), most
 * recent activity first, the filters, keyset paging, and hostile search text. Both dialects.
 */
import { Migrator, sql } from "kysely";
import { MIGRATION_NAMES, MIGRATIONS } from "@/lib/store/migrations";
import { expect, it } from "vitest";
import type { Store } from "@/lib/store/types";
import { at, generation, idea, image, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

describeEachDialect("the ideas list", (dialect) => {
  let store: Store;
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  const ids = async (query: Parameters<Store["listIdeas"]>[0]) => (await store.listIdeas(query)).items.map((i) => i.id);
  const search = (q: string) => ids({ limit: 50, q });

  /** Three ideas with words in different places: prompts, instructions, notes, the idea text. */
  async function seed() {
    await store.createIdeaWithVersion(
      idea("fox", "a fox in the snow", at(0)),
      version("fox-1", "fox", { prompt: "a red fox leaping over powder snow", createdAt: at(1) }),
    );
    await store.createVersion(
      version("fox-2", "fox", {
        parentId: "fox-1",
        instruction: "make it twilight",
        prompt: "a red fox at dusk, cinematic",
        notes: ["added volumetric haze"],
        style: "cinematic-photo",
        createdAt: at(10),
      }),
    );
    await store.createIdeaWithVersion(
      idea("owl", "an owl on a branch", at(2)),
      version("owl-1", "owl", { prompt: "a barn owl, watercolor wash", style: "watercolor", createdAt: at(3) }),
    );
    await store.createIdeaWithVersion(
      idea("city", "a city at night", at(4)),
      version("city-1", "city", {
        prompt: "neon streets in the rain",
        notes: ["kept the reflections"],
        createdAt: at(5),
      }),
    );
  }

  it("finds words in the idea, every version's prompt, instructions and notes, the last word as a prefix", async () => {
    await seed();
    expect(await search("snow")).toEqual(["fox"]); // idea text and the first prompt
    expect(await search("leaping")).toEqual(["fox"]); // an older version's prompt
    expect(await search("twilight")).toEqual(["fox"]); // an instruction
    expect(await search("volumetric")).toEqual(["fox"]); // a note
    expect(await search("reflections")).toEqual(["city"]);
    expect(await search("Title of owl")).toEqual(["owl"]); // the title
    expect(await search("NEON RAIN")).toEqual(["city"]); // every word, any case
    expect(await search("neon owl")).toEqual([]);
    expect(await search("wat")).toEqual(["owl"]); // typing "watercolor"
    expect(await search("barn ow")).toEqual(["owl"]);
    expect(await search("ow barn")).toEqual([]); // only the last word is a prefix
    expect(await search("a")).toEqual(["fox", "city", "owl"]);
  });

  it("escapes hostile search text: quotes, operators, NUL, punctuation only", async () => {
    await seed();
    for (const q of [
      '"',
      '"fox',
      'fox"',
      "fox*",
      "*",
      "fox OR owl",
      "NOT fox",
      "fox AND",
      "(fox",
      "fox)",
      "^fox",
      "fox:*",
      "fox & owl",
      "fox | owl",
      "!fox",
      "fox <-> red",
      "body:fox",
      "{body}: fox",
      "'fox'",
      "fox'--",
      "\u0000fox",
      "fox\u0000",
      "-fox",
      "+fox",
      "NEAR(fox owl)",
      "\\",
      "%",
      "_",
    ]) {
      await expect(search(q), q).resolves.toBeInstanceOf(Array);
    }
    expect(await search('"fox')).toEqual(["fox"]);
    expect(await search("fox*")).toEqual(["fox"]);
    expect(await search("fox OR owl")).toEqual([]); // OR is a word here, found nowhere
    expect(await search("(fox) & red:*")).toEqual(["fox"]);
    expect(await search("\u0000fox\u0000")).toEqual(["fox"]);
    // Nothing but punctuation: no words, so no search: everything, in order.
    expect(await search("\"*&|!():'^-")).toEqual(["fox", "city", "owl"]);
    expect(await search("   ")).toEqual(["fox", "city", "owl"]);
  });

  it("orders by the latest of creation, versions and generations, and moves an idea up as it is worked on", async () => {
    await seed();
    // fox's last version is at(10); city's at(5); owl's at(3).
    expect(await ids({ limit: 10 })).toEqual(["fox", "city", "owl"]);
    const summaries = (await store.listIdeas({ limit: 10 })).items;
    expect(summaries.map((s) => s.lastActivityAt)).toEqual([at(10), at(5), at(3)]);
    expect(summaries[0]).toMatchObject({ latestPrompt: "a red fox at dusk, cinematic", versionCount: 2, thumbs: [] });

    // A generation on the owl, later than everything: it comes first.
    await store.createGeneration(generation("g-owl", "owl-1", "owl", { createdAt: at(20), backend: "automatic1111" }));
    expect(await ids({ limit: 10 })).toEqual(["owl", "fox", "city"]);
    // A version on the city later still.
    await store.createVersion(version("city-2", "city", { parentId: "city-1", createdAt: at(30) }));
    expect(await ids({ limit: 10 })).toEqual(["city", "owl", "fox"]);
    // Something older than its last activity never moves it back.
    await store.createVersion(version("city-3", "city", { parentId: "city-1", createdAt: at(6) }));
    expect((await store.listIdeas({ limit: 1 })).items[0]?.lastActivityAt).toBe(at(30));
  });

  it("filters by backend, style, images, starred, and the time of the last activity", async () => {
    await seed();
    const g = generation("g-fox", "fox-2", "fox", { createdAt: at(11), backend: "openai" });
    await store.createGeneration(g);
    await store.completeGeneration("g-fox", [image("im-fox", g, at(12))], {});
    const failed = generation("g-city", "city-1", "city", { createdAt: at(6), backend: "comfyui", status: "failed" });
    await store.createGeneration(failed);
    await store.createGeneration(generation("g-owl", "owl-1", "owl", { createdAt: at(7) }));
    const og = generation("g-owl2", "owl-1", "owl", { createdAt: at(8) });
    await store.createGeneration(og);
    await store.completeGeneration("g-owl2", [image("im-owl", og, at(9))], {});

    expect(await ids({ limit: 10, backend: "openai" })).toEqual(["fox"]);
    expect(await ids({ limit: 10, backend: "comfyui" })).toEqual(["city"]); // a generation, even a failed one
    expect(await ids({ limit: 10, backend: "offline" })).toEqual(["owl"]);
    expect(await ids({ limit: 10, backend: "nope" })).toEqual([]);
    expect(await ids({ limit: 10, style: "watercolor" })).toEqual(["owl"]);
    expect(await ids({ limit: 10, style: "cinematic-photo" })).toEqual(["fox"]); // any version's style
    expect(await ids({ limit: 10, hasImages: true })).toEqual(["fox", "owl"]);
    expect(await ids({ limit: 10, hasImages: false })).toEqual(["city"]);

    expect(await ids({ limit: 10, starred: true })).toEqual([]);
    await store.setFavorite("im-owl", true); // a favorite image counts
    expect(await ids({ limit: 10, starred: true })).toEqual(["owl"]);
    await store.starVersion({ id: "star", versionId: "city-1", name: "Rain", createdAt: at(40) }); // so does the Library
    expect(await ids({ limit: 10, starred: true })).toEqual(["owl", "city"]);
    expect(await ids({ limit: 10, starred: false })).toEqual(["fox"]);

    // Images are not activity of their own: the generation that made them (at 11) is.
    const all = (await store.listIdeas({ limit: 10 })).items;
    expect(all.map((i) => [i.id, i.lastActivityAt])).toEqual([
      ["fox", at(11)],
      ["owl", at(8)],
      ["city", at(6)],
    ]);
    expect(await ids({ limit: 10, from: at(8) })).toEqual(["fox", "owl"]);
    expect(await ids({ limit: 10, to: at(8) })).toEqual(["city"]); // to is exclusive
    expect(await ids({ limit: 10, from: at(7), to: at(11) })).toEqual(["owl"]);
    // Together, and with a search.
    expect(await ids({ limit: 10, q: "red", hasImages: true, backend: "openai", style: "cinematic-photo" })).toEqual([
      "fox",
    ]);
    expect(await ids({ limit: 10, q: "red", hasImages: false })).toEqual([]);

    const [fox] = all;
    expect(fox?.thumbs).toEqual([{ id: "im-fox", width: 512, height: 512, prompt: "a red fox at dusk, cinematic" }]);
  });

  it("sorts by the best latest check of the idea's images, pages that order, and filters by a score floor", async () => {
    await seed();
    const imageOf = async (ideaId: string, versionId: string, n: number) => {
      const g = generation(`g-${ideaId}-${n}`, versionId, ideaId, { createdAt: at(20 + n) });
      await store.createGeneration(g);
      await store.completeGeneration(g.id, [image(`im-${ideaId}-${n}`, g, at(20 + n))], {});
      return `im-${ideaId}-${n}`;
    };
    const checkImage = (imageId: string, s: number, score: number) =>
      store.saveImageCheck({
        id: `ck-${imageId}-${s}`,
        imageId,
        judge: { id: "offline", label: "Offline check (no model)", model: "offline-manifest-v1" },
        score,
        items: [
          { checkId: "c1", text: "there is a fox", kind: "entity", verdict: score === 1 ? "pass" : "fail", reason: "" },
        ],
        createdAt: at(s),
      });
    const fox1 = await imageOf("fox", "fox-2", 1);
    const fox2 = await imageOf("fox", "fox-2", 2);
    const owl = await imageOf("owl", "owl-1", 3);
    await checkImage(fox1, 30, 0.25);
    await checkImage(fox2, 31, 0.5);
    await checkImage(owl, 32, 1);
    await checkImage(owl, 33, 0.75); // only the latest check of an image counts

    // Best first; "city" has no checked image and comes last; the recent order is unchanged.
    expect(await ids({ limit: 10, sort: "score" })).toEqual(["owl", "fox", "city"]);
    expect(await ids({ limit: 10 })).toEqual(["owl", "fox", "city"]); // the owl's generation (at 23) is the latest work
    const scores = (await store.listIdeas({ limit: 10, sort: "score" })).items.map((i) => [i.id, i.bestScore]);
    expect(scores).toEqual([
      ["owl", 0.75],
      ["fox", 0.5],
      ["city", null],
    ]);
    await checkImage(fox1, 34, 1); // a fix made fox's first image right
    expect(await ids({ limit: 10, sort: "score" })).toEqual(["fox", "owl", "city"]);
    expect(await ids({ limit: 10 })).toEqual(["owl", "fox", "city"]); // a check is not work on the idea

    // One per page, in order, with no repeat and no gap; a cursor of the other order is refused.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listIdeas({ limit: 1, sort: "score", ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["fox", "owl", "city"]);
    const recentCursor = (await store.listIdeas({ limit: 1 })).nextCursor as string;
    await expect(store.listIdeas({ limit: 1, sort: "score", cursor: recentCursor })).rejects.toThrow(/bad cursor/);

    expect(await ids({ limit: 10, minScore: 0.8 })).toEqual(["fox"]);
    expect(await ids({ limit: 10, minScore: 0.5, sort: "score" })).toEqual(["fox", "owl"]);
    expect(await ids({ limit: 10, minScore: 0 })).toEqual(expect.arrayContaining(["fox", "owl"]));
    expect(await ids({ limit: 10, minScore: 0 })).not.toContain("city");
  });

  it("keeps the six newest thumbnails, newest first", async () => {
    await store.createIdeaWithVersion(idea("i"), version("v", "i"));
    const g = generation("g", "v", "i");
    await store.createGeneration(g);
    await store.completeGeneration(
      "g",
      Array.from({ length: 8 }, (_, n) => image(`im${n}`, g, at(100 + n), { width: 640 + n, height: 480 })),
      {},
    );
    const [summary] = (await store.listIdeas({ limit: 1 })).items;
    expect(summary?.thumbs.map((t) => t.id)).toEqual(["im7", "im6", "im5", "im4", "im3", "im2"]);
    expect(summary?.thumbs[0]).toMatchObject({ width: 647, height: 480 });
    expect(summary).toMatchObject({ imageCount: 8, coverImageId: "im7" });
  });

  it("pages by (last activity, id) with no duplicates and no gaps, ties included, filtered or not", async () => {
    const expected: string[] = [];
    for (let n = 0; n < 23; n++) {
      const id = `idea-${String(n).padStart(2, "0")}`;
      // Every third pair shares a time, so ties are broken by id.
      const t = at(Math.floor(n / 3) * 10);
      await store.createIdeaWithVersion(
        idea(id, n % 2 ? "an odd lantern" : "an even lantern", t),
        version(`${id}-v`, id, { createdAt: t }),
      );
      expected.push(id);
    }
    const order = [...expected].sort((a, b) => {
      const ta = Math.floor(Number(a.slice(5)) / 3);
      const tb = Math.floor(Number(b.slice(5)) / 3);
      return tb - ta || (a < b ? 1 : -1);
    });
    for (const [query, want] of [
      [{}, order],
      [{ q: "lantern" }, order],
      [{ q: "odd lant" }, order.filter((id) => Number(id.slice(5)) % 2)],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listIdeas({ ...query, limit: 4, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 20);
      expect(seen).toEqual(want);
    }
  });

  it("backfills the words and the last activity of rows written before migration 0007, and goes down cleanly", async () => {
    await store.close();
    await dialect.fresh({ empty: true });
    // Every migration: the store opened below migrates to the latest, and a migrator that knew
    // fewer would call the database corrupted.
    const migrations = MIGRATIONS;
    expect(Object.keys(migrations).sort()).toEqual(MIGRATION_NAMES);
    const db = dialect.kysely();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    try {
      // As migrateToLatest does: SQLite's table rebuilds (0002, 0003) want the keys checked by hand.
      if (dialect.name === "sqlite") await sql`PRAGMA foreign_keys = OFF`.execute(db);
      expect((await migrator.migrateTo("0006_sharing")).error).toBeUndefined();
      await sql`INSERT INTO ideas (id, text, title, created_at) VALUES ('old', 'an old heron', 'Old', ${at(0)})`.execute(
        db,
      );
      await sql`INSERT INTO prompt_versions (id, idea_id, parent_id, source, instruction, prompt, style, dialect, refiner,
          model, title, notes, created_at) VALUES ('old-v', 'old', NULL, 'refine', 'add mist', 'a grey heron', NULL,
          'prose', 'offline', 'embedded', 'Heron', '["kept the reeds"]', ${at(5)})`.execute(db);
      await sql`INSERT INTO generations (id, prompt_id, idea_id, backend, model, params, status, progress, created_at)
          VALUES ('old-g', 'old-v', 'old', 'offline', 'm', '{}', 'queued', 0, ${at(9)})`.execute(db);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      store = dialect.open();
      for (const q of ["heron", "grey", "mist", "reeds", "old"]) expect(await search(q), q).toEqual(["old"]);
      expect((await store.listIdeas({ limit: 1 })).items[0]?.lastActivityAt).toBe(at(9));

      // Down through every later migration (0008 rebuilds prompt_versions on SQLite) and 0007, and up again.
      expect((await migrator.migrateTo("0006_sharing")).error).toBeUndefined();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await search("reeds")).toEqual(["old"]);
    } finally {
      await db.destroy();
    }
  });

  it("forgets a deleted idea's words", async () => {
    await seed();
    expect(await store.deleteIdea("fox")).toMatchObject({ deleted: true });
    expect(await search("twilight")).toEqual([]);
    expect(await search("snow")).toEqual([]);
    expect(await ids({ limit: 10 })).toEqual(["city", "owl"]);
    // The derived table holds one row per idea, and nothing of the deleted one.
    const rows = await dialect.query<{ idea_id: string }>(sql`SELECT idea_id FROM idea_search ORDER BY idea_id`);
    expect(rows.map((r) => r.idea_id)).toEqual(["city", "owl"]);
  });
});
