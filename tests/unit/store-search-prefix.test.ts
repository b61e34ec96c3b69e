import { Migrator, sql } from "kysely";
import { expect, it } from "vitest";
import { MIGRATIONS } from "@/lib/store/migrations";
import type { ImageListFilter, Store } from "@/lib/store/types";
import { at, generation, image, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

/*
 * Issue 12: the gallery's search while its first letters are typed. On SQLite version_fts has a
 * prefix index for one and two characters (migration 0016); these check what it answers, on both
 * dialects, through both of SQLite's plans (few matches: from the match; many: walking the gallery),
 * and that rows stored before the migration are found after it.
 */

let store: Store;

async function walk(filter: ImageListFilter, limit = 50): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await store.listImages({ ...filter, limit, cursor });
    ids.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error("the cursor never ended");
}

const search = async (q: string) => (await walk({ q })).sort();

async function ideaWithImage(id: string, text: string, prompt: string, seconds: number): Promise<void> {
  const v = version(`${id}-v`, id, { prompt, createdAt: at(seconds) });
  await store.createIdeaWithVersion({ id, text, title: id, createdAt: at(seconds) }, v);
  const g = generation(`${id}-g`, v.id, id, { createdAt: at(seconds) });
  await store.createGeneration(g);
  await store.completeGeneration(g.id, [image(`${id}-1`, g, at(seconds + 1))], {});
}

describeEachDialect("the gallery's search by its first letters", (dialect) => {
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  it("finds words by their first one or two letters, and nothing else", async () => {
    await ideaWithImage("apple", "Apple orchard", "ripe fruit on branches", 0);
    await ideaWithImage("ant", "tiny insect", "an ant carrying a leaf", 10);
    await ideaWithImage("banana", "banana split", "ice cream", 20);
    await ideaWithImage("apfel", "Äpfel im Korb", "wicker basket", 30);

    expect(await search("a")).toEqual(["ant-1", "apple-1"]); // "an", "ant", "apple": not "banana"'s inner a
    expect(await search("A")).toEqual(["ant-1", "apple-1"]);
    expect(await search("ap")).toEqual(["apple-1"]);
    expect(await search("an")).toEqual(["ant-1"]);
    expect(await search("ä")).toEqual(["apfel-1"]); // diacritics kept, folded by case
    expect(await search("Äp")).toEqual(["apfel-1"]);
    expect(await search("b")).toEqual(["apfel-1", "apple-1", "banana-1"]); // basket, branches, banana
    expect(await search("fruit b")).toEqual(["apple-1"]);
    expect(await search("x")).toEqual([]);
  });

  it("answers a one-letter prefix matched by hundreds of versions (SQLite walks the gallery) newest first", async () => {
    await ideaWithImage("rare", "a quiet quokka", "quokka", 0);
    const db = dialect.kysely();
    try {
      const many = 520;
      // Rows written as the store writes them (the triggers fill version_search), in bulk; image
      // i<n> a second newer than i<n-1>, all newer than "rare".
      const ns = Array.from({ length: many }, (_, i) => i + 1);
      const rows = <T>(f: (n: number) => T[]) => sql.join(ns.map((n) => sql`(${sql.join(f(n))})`));
      await sql`INSERT INTO ideas (id, text, title, created_at) VALUES ('many', 'zebra herd', 'Many', ${at(1)})`.execute(
        db,
      );
      await sql`INSERT INTO prompt_versions (id, idea_id, parent_id, source, instruction, prompt, style, dialect, refiner,
          model, title, notes, created_at)
        VALUES ${rows((n) => [`m${n}`, "many", null, "refine", null, `amber light ${n}`, null, "prose", "offline", "m", "T", "[]", at(2)])}`.execute(
        db,
      );
      await sql`INSERT INTO generations (id, prompt_id, idea_id, backend, model, params, status, progress, created_at)
        VALUES ${rows((n) => [`g${n}`, `m${n}`, "many", "offline", "m", "{}", "succeeded", 1, at(3)])}`.execute(db);
      await sql`INSERT INTO images (id, generation_id, prompt_id, idea_id, width, height, seed, mime, byte_size, favorite, created_at)
        VALUES ${rows((n) => [`i${n}`, `g${n}`, `m${n}`, "many", 512, 512, 1, "image/png", 10, 0, at(100 + n)])}`.execute(
        db,
      );
    } finally {
      await db.destroy();
    }
    const page = await store.listImages({ limit: 48, q: "a" });
    expect(page.items.map((i) => i.id)).toEqual(Array.from({ length: 48 }, (_, n) => `i${520 - n}`));
    expect(await walk({ q: "am" }, 200)).toHaveLength(520);
    expect(await search("q")).toEqual(["rare-1"]);
    expect((await walk({ q: "z" }, 200)).length).toBe(520); // the idea's word, for every version's image
  });

  it("the Ideas list answers a first letter matched by hundreds of ideas (SQLite walks the list) newest first, and pages", async () => {
    await store.createIdeaWithVersion(
      { id: "rare", text: "a quiet quokka", title: "rare", createdAt: at(0) },
      version("rare-v", "rare"),
    );
    const many = 510;
    const db = dialect.kysely();
    try {
      const values = Array.from(
        { length: many },
        (_, i) => sql`(${`n${i + 1}`}, ${`amber ${i + 1}`}, 'T', ${at(10 + i)})`,
      );
      await sql`INSERT INTO ideas (id, text, title, created_at) VALUES ${sql.join(values)}`.execute(db);
    } finally {
      await db.destroy();
    }
    const first = await store.listIdeas({ limit: 24, q: "a" });
    expect(first.items.map((i) => i.id)).toEqual(Array.from({ length: 24 }, (_, n) => `n${many - n}`));
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = await store.listIdeas({ limit: 100, q: "am", cursor });
      ids.push(...page.items.map((i) => i.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(ids).toHaveLength(many);
    expect(new Set(ids).size).toBe(many);
    expect((await store.listIdeas({ limit: 24, q: "q" })).items.map((i) => i.id)).toEqual(["rare"]);
    expect((await store.listIdeas({ limit: 24, q: "a", hasImages: true })).items).toEqual([]);
  });

  it("finds rows stored before migration 0016 after it, and after going down through it", async () => {
    await store.close();
    await dialect.fresh({ empty: true });
    const db = dialect.kysely();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    try {
      if (dialect.name === "sqlite") await sql`PRAGMA foreign_keys = OFF`.execute(db);
      expect((await migrator.migrateTo("0014_house_rules")).error).toBeUndefined();
      await sql`INSERT INTO ideas (id, text, title, created_at) VALUES ('old', 'an old heron', 'Old', ${at(0)})`.execute(
        db,
      );
      await sql`INSERT INTO prompt_versions (id, idea_id, parent_id, source, instruction, prompt, style, dialect, refiner,
          model, title, notes, created_at) VALUES ('old-v', 'old', NULL, 'refine', NULL, 'a grey heron in reeds', NULL,
          'prose', 'offline', 'embedded', 'Heron', '[]', ${at(5)})`.execute(db);
      await sql`INSERT INTO generations (id, prompt_id, idea_id, backend, model, params, status, progress, created_at)
          VALUES ('old-g', 'old-v', 'old', 'offline', 'm', '{}', 'succeeded', 1, ${at(9)})`.execute(db);
      await sql`INSERT INTO images (id, generation_id, prompt_id, idea_id, width, height, seed, mime, byte_size, favorite, created_at)
          VALUES ('old-1', 'old-g', 'old-v', 'old', 512, 512, 3, 'image/png', 10, 0, ${at(10)})`.execute(db);

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      if (dialect.name === "sqlite") {
        const [fts] = await dialect.query<{ sql: string }>(
          sql`SELECT sql FROM sqlite_master WHERE name = 'version_fts'`,
        );
        expect(fts?.sql).toContain("prefix = '1 2'");
      }
      store = dialect.open();
      for (const q of ["g", "gr", "GREY", "her", "o", "old r"]) expect(await search(q)).toEqual(["old-1"]);
      expect(await search("x")).toEqual([]);
      // Written after the migration: kept in step by the same triggers.
      await store.createVersion(
        version("old-v2", "old", { prompt: "kingfisher", parentId: "old-v", createdAt: at(20) }),
      );
      const g = generation("old-g2", "old-v2", "old", { createdAt: at(20) });
      await store.createGeneration(g);
      await store.completeGeneration(g.id, [image("old-2", g, at(21))], {});
      expect(await search("k")).toEqual(["old-2"]);
      expect(await search("h")).toEqual(["old-1", "old-2"]); // the idea's "heron" is in both

      await store.close();
      expect((await migrator.migrateTo("0014_house_rules")).error).toBeUndefined();
      store = dialect.open();
      expect(await search("h")).toEqual(["old-1", "old-2"]);
      expect(await search("ki")).toEqual(["old-2"]);
      await store.close();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      store = dialect.open();
      expect(await search("k")).toEqual(["old-2"]);
    } finally {
      await db.destroy();
    }
  });
});
