/**
 * House rules in the store (issue 13, migration 0014): each save is the next version, none is ever
 * changed; a prompt version records the house rules version it was refined with. Both dialects.
 */
import { Migrator, sql } from "kysely";
import { expect, it } from "vitest";
import { MIGRATIONS } from "@/lib/store/migrations";
import type { Store } from "@/lib/store/types";
import { at, idea, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

describeEachDialect("store: house rules", (dialect) => {
  let store: Store;
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  it("numbers each save after the last, keeps every version, and finds any of them", async () => {
    expect(await store.getHouseRules()).toBeUndefined();
    expect(await store.listHouseRules()).toEqual([]);
    const v1 = await store.saveHouseRules("our brand palette is navy and coral", at(1));
    const v2 = await store.saveHouseRules("no photorealistic people", at(2));
    const v3 = await store.saveHouseRules("", at(3));
    expect([v1.version, v2.version, v3.version]).toEqual([1, 2, 3]);
    expect(await store.getHouseRules()).toEqual({ version: 3, text: "", createdAt: at(3) });
    expect(await store.getHouseRules(1)).toEqual({
      version: 1,
      text: "our brand palette is navy and coral",
      createdAt: at(1),
    });
    expect(await store.getHouseRules(9)).toBeUndefined();
    expect((await store.listHouseRules()).map((r) => [r.version, r.text])).toEqual([
      [3, ""],
      [2, "no photorealistic people"],
      [1, "our brand palette is navy and coral"],
    ]);
  });

  it("saves racing each other get distinct versions", async () => {
    const saved = await Promise.all(["a", "b", "c", "d"].map((t, i) => store.saveHouseRules(t, at(i))));
    expect(saved.map((r) => r.version).sort()).toEqual([1, 2, 3, 4]);
    const other = dialect.open();
    try {
      const more = await Promise.all([other.saveHouseRules("e", at(5)), store.saveHouseRules("f", at(6))]);
      expect(more.map((r) => r.version).sort()).toEqual([5, 6]);
    } finally {
      await other.close();
    }
  });

  it("a prompt version records its house rules version; one without reads as before", async () => {
    await store.createIdeaWithVersion(idea("i"), version("v1", "i", { houseRulesVersion: 2 }));
    await store.createVersion(version("v2", "i", { parentId: "v1", createdAt: at(2) }));
    expect(await store.getVersion("v1")).toEqual(version("v1", "i", { houseRulesVersion: 2 }));
    const plain = await store.getVersion("v2");
    expect(plain).toEqual(version("v2", "i", { parentId: "v1", createdAt: at(2) }));
    expect(plain && "houseRulesVersion" in plain).toBe(false);
  });

  it("migrates a database with versions in it, down and up again", async () => {
    await store.close();
    await dialect.fresh({ empty: true });
    const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < "0014"));
    const db = dialect.kysely();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    const earlier = new Migrator({ db, provider: { getMigrations: async () => before } });
    try {
      if (dialect.name === "sqlite") await sql`PRAGMA foreign_keys = OFF`.execute(db);
      expect((await earlier.migrateToLatest()).error).toBeUndefined();
      await sql`INSERT INTO ideas (id, text, title, created_at) VALUES ('old', 'an old heron', 'Old', ${at(0)})`.execute(
        db,
      );
      await sql`INSERT INTO prompt_versions (id, idea_id, parent_id, source, instruction, prompt, style, dialect, refiner,
          model, title, notes, created_at) VALUES ('old-v', 'old', NULL, 'refine', NULL, 'a grey heron',
          NULL, 'prose', 'offline', 'm', 'Heron', '[]', ${at(5)})`.execute(db);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      await sql`INSERT INTO house_rules (version, text, created_at) VALUES (1, 'navy', ${at(6)})`.execute(db);
      await sql`UPDATE prompt_versions SET house_rules_version = 1`.execute(db);
      const last = Object.keys(before).sort().at(-1) as string;
      expect((await migrator.migrateTo(last)).error).toBeUndefined();
      const tables = await dialect.schema();
      expect(tables.tables).not.toContain("house_rules");
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      if (dialect.name === "sqlite") await sql`PRAGMA foreign_keys = ON`.execute(db);
    } finally {
      await db.destroy();
    }
    store = dialect.open();
    const old = await store.getVersion("old-v");
    expect(old).toMatchObject({ prompt: "a grey heron" });
    expect(old && "houseRulesVersion" in old).toBe(false);
    expect(await store.getHouseRules()).toBeUndefined();
    expect((await store.saveHouseRules("coral", at(7))).version).toBe(1);
  });
});
