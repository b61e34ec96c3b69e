/**
 * What could differ between SQLite and Postgres under the same queries: text order, case folding
 * beyond ASCII, 64-bit integers, counts, concurrent writes. Each test runs on both dialects and
 * expects the answer SQLite has always given.
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { Comparison } from "@/lib/schemas";
import { FOLD_FUNCTION, foldCase } from "@/lib/store/text-search";
import type { Store } from "@/lib/store/types";
import { at, generation, idea, image, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

/** Text that folds differently under ASCII-only, simple or locale-specific case mapping. */
const FOLDING = [
  "CAFÉ",
  "Café", // é as e + U+0301: NFKC composes it
  "İSTANBUL", // dotted capital I: full lower-casing gives i + U+0307
  "ΟΔΟΣ ΣΑΣ", // final sigma
  "STRASSE Straße",
  "ǅemal", // titlecase digraph
  "ﬁne Ⅻ ＡＢＣ ①", // compatibility forms: NFKC
  "K Ω Å", // Kelvin, Ohm and Angstrom signs
  "ÀÉÎÕÜ ÇÑ ØÆŒ",
  "ДОБРО ПОЖАЛОВАТЬ",
  "ԱՐԵՎ",
  "mixed 100% my_file \\ back",
];

describeEachDialect("the same answers on SQLite and Postgres", (dialect) => {
  let store: Store;
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  it("folds case in SQL exactly as foldCase() does in JavaScript, on the stored columns", async () => {
    for (const [n, text] of FOLDING.entries()) {
      await store.createIdeaWithVersion(idea(`i${n}`, text), version(`v${n}`, `i${n}`));
    }
    const rows = await dialect.query<{ text: string; folded: string }>(
      sql`SELECT text, ${sql.raw(FOLD_FUNCTION)}(text) AS folded FROM ideas`,
    );
    expect(rows).toHaveLength(FOLDING.length);
    for (const row of rows) expect(row.folded, row.text).toBe(foldCase(row.text));
  });

  it("finds text beyond ASCII whatever the case it is typed in", async () => {
    for (const [n, text] of FOLDING.entries()) {
      await store.createIdeaWithVersion(idea(`i${n}`, text, at(n)), version(`v${n}`, `i${n}`));
    }
    const search = async (q: string) => (await store.listIdeas({ limit: 50, q })).items.map((i) => i.id).sort();
    expect(await search("café")).toEqual(["i0", "i1"]);
    expect(await search("CAFÉ")).toEqual(["i0", "i1"]);
    expect(await search("istanbul")).toEqual([]); // "İ" folds to i + a dot above, not to a plain i
    expect(await search("i̇stanbul")).toEqual(["i2"]);
    expect(await search("οδος")).toEqual(["i3"]);
    expect(await search("σας")).toEqual(["i3"]);
    expect(await search("straße")).toEqual(["i4"]);
    expect(await search("ǆemal")).toEqual(["i5"]);
    expect(await search("fine")).toEqual(["i6"]);
    expect(await search("xii abc 1")).toEqual(["i6"]);
    expect(await search("k ω å")).toEqual(["i7"]);
    expect(await search("àéîõü çñ øæœ")).toEqual(["i8"]);
    expect(await search("добро")).toEqual(["i9"]);
    expect(await search("արեվ")).toEqual(["i10"]);
    expect(await search("100% MY_FILE \\")).toEqual(["i11"]);
    // Whole words (full-text search, migration 0007): "_" separates words, so this is the word 100.
    expect(await search("100_")).toEqual(["i11"]);
    expect(await search("100_x")).toEqual([]);
  });

  it("orders by (created_at, id) byte by byte, whatever the database's collation", async () => {
    // Same time, ids that a natural-language collation would sort otherwise (case, _ and -).
    const ids = ["b", "B", "a", "A", "_x", "-y", "Z", "z0", "a-b", "a_b"];
    for (const id of ids) await store.createIdeaWithVersion(idea(id, "same time", at(7)), version(`${id}-v`, id));
    const expected = [...ids].sort((x, y) => (x < y ? 1 : x > y ? -1 : 0)); // code units, descending
    expect((await store.listIdeas({ limit: 50 })).items.map((i) => i.id)).toEqual(expected);

    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listIdeas({ limit: 3, cursor });
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(expected);
    expect((await store.listVersions("a")).map((v) => v.id)).toEqual(["a-v"]);
  });

  it("keeps 64-bit integers, fractions and counts as numbers", async () => {
    await store.createIdeaWithVersion(idea("i"), version("v", "i"));
    const g = generation("g", "v", "i", {
      params: { size: "512x512", n: 1, seed: 4_294_967_295 },
      status: "running",
      progress: 0.123456789012345,
    });
    await store.createGeneration(g);
    expect(await store.getGeneration("g")).toEqual(g);
    const done = await store.completeGeneration(
      "g",
      [image("im", g, at(3), { seed: 9_007_199_254_740_991, byteSize: 5_000_000_000, width: 65_536 })],
      { durationMs: 3_000_000_000, finishedAt: at(4) },
    );
    expect(done).toMatchObject({ durationMs: 3_000_000_000, progress: 1 });
    expect(await store.getImage("im")).toMatchObject({ seed: 9_007_199_254_740_991, byteSize: 5_000_000_000 });
    const [summary] = (await store.listIdeas({ limit: 1 })).items;
    expect(summary).toMatchObject({ versionCount: 1, imageCount: 1, coverImageId: "im" });
    expect(typeof summary?.imageCount).toBe("number");
  });

  it("stars one version from many concurrent requests: one entry, created once", async () => {
    await store.createIdeaWithVersion(idea("i"), version("v", "i"));
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        store.starVersion({ id: `e${n}`, versionId: "v", name: `name ${n}`, createdAt: at(10 + n) }),
      ),
    );
    expect(results.filter((r) => r?.created)).toHaveLength(1);
    const entries = (await store.listLibrary({ limit: 50 })).items;
    expect(entries).toHaveLength(1);
    expect(new Set(results.map((r) => r?.entry.id))).toEqual(new Set([entries[0]?.id]));
  });

  it("writes a comparison all or nothing while its idea is deleted at the same time", async () => {
    for (let round = 0; round < 4; round++) {
      const ideaId = `i${round}`;
      await store.createIdeaWithVersion(idea(ideaId), version(`${ideaId}-v1`, ideaId));
      await store.createVersion(version(`${ideaId}-v2`, ideaId, { parentId: `${ideaId}-v1` }));
      const comparison: Comparison = {
        id: `${ideaId}-c`,
        ideaId,
        kind: "versions",
        seed: 4_000_000_000,
        params: { size: "512x512" },
        title: "v1 vs v2",
        cells: [1, 2].map((k, position) => ({
          position,
          label: `v${k}`,
          versionId: `${ideaId}-v${k}`,
          backend: "offline",
          generationId: `${ideaId}-g${k}`,
        })),
        createdAt: at(3),
      };
      const generations = [1, 2].map((k) => generation(`${ideaId}-g${k}`, `${ideaId}-v${k}`, ideaId));
      const [created, deleted] = await Promise.allSettled([
        store.createComparison(comparison, generations),
        store.deleteIdea(ideaId),
      ]);
      expect(deleted.status).toBe("fulfilled");
      // Whichever came first, no half of the comparison is left behind.
      expect(await store.getComparison(comparison.id)).toBeUndefined();
      expect(await store.getGeneration(`${ideaId}-g1`)).toBeUndefined();
      expect(await store.getGeneration(`${ideaId}-g2`)).toBeUndefined();
      if (created.status === "fulfilled") expect(await store.getIdea(ideaId)).toBeUndefined();
    }
    const [{ n } = { n: -1 }] = await dialect.query<{ n: number | string }>(
      sql`SELECT count(*) AS n FROM comparison_cells`,
    );
    expect(Number(n)).toBe(0);
  });

  it("updates a generation from many concurrent writers without losing one", async () => {
    await store.createIdeaWithVersion(idea("i"), version("v", "i"));
    const ids = Array.from({ length: 10 }, (_, n) => `g${n}`);
    await Promise.all(ids.map((id) => store.createGeneration(generation(id, "v", "i"))));
    await Promise.all(ids.map((id, n) => store.updateGeneration(id, { status: "running", progress: n / 10 })));
    const running = await store.listGenerationsByStatus(["running"]);
    expect(running.map((g) => [g.id, g.progress])).toEqual(ids.map((id, n) => [id, n / 10]));
  });

  it("applies one process's writes in the order they were called, as SQLite's single connection does", async () => {
    // The runner fires progress writes without waiting; one fired before the completion must not land after it.
    await store.createIdeaWithVersion(idea("i"), version("v", "i"));
    for (let round = 0; round < 20; round++) {
      const g = generation(`g${round}`, "v", "i", { status: "running" });
      await store.createGeneration(g);
      for (const progress of [0.2, 0.5, 0.9]) void store.updateGeneration(g.id, { progress });
      const done = await store.completeGeneration(g.id, [image(`im${round}`, g, at(round))], { finishedAt: at(99) });
      expect(done).toMatchObject({ status: "succeeded", progress: 1 });
      expect(await store.getGeneration(g.id)).toMatchObject({ status: "succeeded", progress: 1 });
    }
  });

  // The same, when another process holds the row: both writes wait, then retry after a serialization failure.
  it.runIf(dialect.name === "postgres")("keeps that order when the writes must wait and be retried", async () => {
    await store.createIdeaWithVersion(idea("i"), version("v", "i"));
    const raw = dialect.kysely();
    try {
      for (let round = 0; round < 8; round++) {
        const g = generation(`g${round}`, "v", "i", { status: "running" });
        await store.createGeneration(g);
        const holder = await raw.startTransaction().execute();
        await sql`UPDATE generations SET model = model WHERE id = ${g.id}`.execute(holder);
        const progress = store.updateGeneration(g.id, { progress: 0.5 });
        const done = store.completeGeneration(g.id, [image(`im${round}`, g, at(round))], {});
        await new Promise((resolve) => setTimeout(resolve, 30));
        await holder.commit().execute();
        await Promise.all([progress, done]);
        expect(await store.getGeneration(g.id)).toMatchObject({ status: "succeeded", progress: 1 });
      }
    } finally {
      await raw.destroy();
    }
  });

  // Two stores on one database are two processes (a second instance, a script). SQLite's store is
  // one process's by design: there, two deferred transactions that both read, then write, fail with SQLITE_BUSY.
  it.runIf(dialect.name === "postgres")(
    "keeps two processes' concurrent stars of one version to one entry",
    async () => {
      await store.createIdeaWithVersion(idea("i"), version("v", "i"));
      const other = dialect.open();
      try {
        await other.getVersion("v"); // migrated and connected, so the two really race
        for (let round = 0; round < 10; round++) {
          await store.createVersion(version(`v${round}`, "i", { parentId: "v" }));
          const results = await Promise.all(
            [store, other, store, other].map((s, n) =>
              s.starVersion({ id: `e${round}-${n}`, versionId: `v${round}`, name: `name ${n}`, createdAt: at(n) }),
            ),
          );
          expect(results.filter((r) => r?.created)).toHaveLength(1);
        }
        expect((await store.listLibrary({ limit: 50 })).items).toHaveLength(10);
      } finally {
        await other.close();
      }
    },
  );

  it("stores text with U+0000 on SQLite; Postgres cannot, and refuses it as bad input, writing nothing", async () => {
    const write = store.createIdeaWithVersion(idea("nul", "a\u0000b"), version("nul-v", "nul"));
    if (dialect.name === "sqlite") {
      await write;
      expect((await store.getIdea("nul"))?.text).toBe("a\u0000b");
    } else {
      const error = await write.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("invalid_request");
      expect(await store.getIdea("nul")).toBeUndefined();
    }
  });
});
