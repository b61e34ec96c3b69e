import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import type { Image, PromptVersion } from "@/lib/schemas";
import { createSqliteStore, getImageFiles, getStore, resetStoreForTests } from "@/lib/store";
import { MIGRATION_NAMES } from "@/lib/store/migrations";
import type { NewIdea, Store } from "@/lib/store/types";
import { at, generation, idea, image, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

let store: Store;

/** An idea, one version and one generation, ready to receive images. */
async function seed(s: Store, ideaId: string, text: string, prompt: string, backend = "offline") {
  await s.createIdeaWithVersion(idea(ideaId, text), version(`${ideaId}-v`, ideaId, { prompt }));
  const g = generation(`${ideaId}-g`, `${ideaId}-v`, ideaId, { backend });
  await s.createGeneration(g);
  return g;
}

async function expectAppError(promise: Promise<unknown>, code: string, message?: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toBe(message);
}

/** What only SQLite has: a file under DATA_DIR, WAL, an in-memory mode. */
describe("the SQLite file", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "promptsmith-store-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is <dataDir>/promptsmith.db, made with its folders, in WAL mode", async () => {
    const nested = path.join(dir, "deeper", "data");
    const first = createSqliteStore({ dataDir: nested });
    await first.createIdeaWithVersion(idea("keep", "kept across opens"), version("keep-v", "keep"));
    await first.close();
    const db = new BetterSqlite3(path.join(nested, "promptsmith.db"), { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.prepare("SELECT text FROM ideas").all()).toEqual([{ text: "kept across opens" }]);
    } finally {
      db.close();
    }
  });

  it("works in memory for tests", async () => {
    const memory = createSqliteStore({ filename: ":memory:" });
    await memory.createIdeaWithVersion(idea("m", "in memory"), version("m-v", "m"));
    expect((await memory.listIdeas({ limit: 5 })).items).toHaveLength(1);
    await memory.close();
  });
});

describeEachDialect("store", (dialect) => {
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  describe("migrations", () => {
    it("creates the schema, and re-opening changes nothing", async () => {
      await store.close();
      await dialect.fresh({ empty: true });
      store = dialect.open();
      await store.listIdeas({ limit: 1 }); // waits for the migrations
      await store.createIdeaWithVersion(idea("keep", "kept across opens"), version("keep-v", "keep"));
      await store.close();

      const before = await dialect.schema();
      expect(before.tables).toEqual(
        expect.arrayContaining(["ideas", "prompt_versions", "generations", "images", "library_entries", "comparisons"]),
      );
      expect(before.indexes).toEqual(
        expect.arrayContaining([
          "images_created",
          "images_idea_created",
          "images_favorite_created",
          "generations_status",
        ]),
      );
      expect(before.migrations).toEqual(MIGRATION_NAMES);

      store = dialect.open();
      expect(await store.getIdea("keep")).toMatchObject({ text: "kept across opens" });
      await store.close();
      expect(await dialect.schema()).toEqual(before);
    });

    it("fails every call, clearly, on a database written by a newer version", async () => {
      await store.listIdeas({ limit: 1 });
      await store.close();
      await dialect.query(
        sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_future', '2099-01-01T00:00:00.000Z')`,
      );

      store = dialect.open();
      await expect(store.getIdea("any")).rejects.toThrow(/migration failed/);
      await expect(store.listImages({ limit: 1 })).rejects.toThrow(/migration failed/);
      await expect(store.createIdeaWithVersion(idea("n", "never"), version("n-v", "n"))).rejects.toThrow(
        /migration failed/,
      );
    });
  });

  describe("ideas and versions", () => {
    it("round-trips every field", async () => {
      const i: NewIdea = { id: "idea1", text: "a fox in the snow", title: "Fox in snow", createdAt: at(0) };
      const v = version("v1", "idea1", {
        instruction: null,
        prompt: "A red fox standing in fresh snow, golden hour",
        negativePrompt: "blurry, watermark",
        style: "watercolor",
        dialect: "tags",
        refiner: "openai",
        model: "gpt-test",
        title: "Fox at golden hour",
        notes: ["added lighting", 'quoted "note"', "ünïcödé"],
      });
      await store.createIdeaWithVersion(i, v);
      expect(await store.getIdea("idea1")).toEqual(i);
      expect(await store.getVersion("v1")).toEqual(v);

      const edit = version("v2", "idea1", {
        parentId: "v1",
        source: "edit",
        instruction: "make it night",
        negativePrompt: null,
        notes: [],
        createdAt: at(5),
      });
      await store.createVersion(edit);
      expect(await store.getVersion("v2")).toEqual(edit);
      expect(await store.getIdea("missing")).toBeUndefined();
      expect(await store.getVersion("missing")).toBeUndefined();
    });

    it("keeps the version tree, oldest first", async () => {
      await store.createIdeaWithVersion(idea("t", "tree"), version("root", "t", { createdAt: at(1) }));
      await store.createVersion(version("a", "t", { parentId: "root", createdAt: at(2) }));
      await store.createVersion(version("b", "t", { parentId: "root", createdAt: at(3) }));
      await store.createVersion(version("a1", "t", { parentId: "a", createdAt: at(4) }));

      const versions = await store.listVersions("t");
      expect(versions.map((v) => [v.id, v.parentId])).toEqual([
        ["root", null],
        ["a", "root"],
        ["b", "root"],
        ["a1", "a"],
      ]);
    });

    it("refuses a parent from another idea, and writes nothing when a write fails", async () => {
      await store.createIdeaWithVersion(idea("x", "x"), version("x-v", "x"));
      await store.createIdeaWithVersion(idea("y", "y"), version("y-v", "y"));
      await expect(store.createVersion(version("bad", "y", { parentId: "x-v" }))).rejects.toThrow();
      expect(await store.getVersion("bad")).toBeUndefined();

      // The idea and its first version go in together or not at all.
      const broken = version("z-v", "z", { dialect: "nonsense" as PromptVersion["dialect"] });
      await expect(store.createIdeaWithVersion(idea("z", "z"), broken)).rejects.toThrow();
      expect(await store.getIdea("z")).toBeUndefined();
    });
  });

  describe("generations", () => {
    it("creates, updates and reads back params, error and times", async () => {
      await store.createIdeaWithVersion(idea("i", "idea"), version("v", "i"));
      const g = generation("g", "v", "i", {
        params: { size: "1024x768", n: 2, seed: 7, steps: 30, guidance: 6.5, quality: "high" },
      });
      await store.createGeneration(g);
      expect(await store.getGeneration("g")).toEqual(g);

      const running = await store.updateGeneration("g", { status: "running", startedAt: at(3), progress: 0.25 });
      expect(running).toEqual({ ...g, status: "running", startedAt: at(3), progress: 0.25 });

      const failed = await store.updateGeneration("g", {
        status: "failed",
        error: { code: "backend_error", message: "the backend said no" },
        finishedAt: at(9),
        durationMs: 6000,
        model: "embedded-v2",
      });
      expect(failed).toEqual({
        ...running,
        status: "failed",
        error: { code: "backend_error", message: "the backend said no" },
        finishedAt: at(9),
        durationMs: 6000,
        model: "embedded-v2",
      });
      expect(await store.getGeneration("g")).toEqual(failed);
      expect(await store.updateGeneration("missing", { status: "running" })).toBeUndefined();
    });

    it("lists by status (oldest first) and by idea (newest first)", async () => {
      await store.createIdeaWithVersion(idea("i", "idea"), version("v", "i"));
      await store.createGeneration(generation("g1", "v", "i", { createdAt: at(10) }));
      await store.createGeneration(generation("g2", "v", "i", { createdAt: at(20), status: "running" }));
      await store.createGeneration(generation("g3", "v", "i", { createdAt: at(30), status: "succeeded" }));

      const active = await store.listGenerationsByStatus(["queued", "running"]);
      expect(active.map((g) => g.id)).toEqual(["g1", "g2"]);
      expect(await store.listGenerationsByStatus([])).toEqual([]);
      expect((await store.listGenerationsForIdea("i")).map((g) => g.id)).toEqual(["g3", "g2", "g1"]);
    });

    it("completes atomically: images appear with their prompt and backend joined", async () => {
      await store.createIdeaWithVersion(
        idea("i", "a lighthouse"),
        version("v", "i", { prompt: "a lighthouse at dusk" }),
      );
      const g = generation("g", "v", "i", { backend: "automatic1111", status: "running" });
      await store.createGeneration(g);

      const done = await store.completeGeneration(
        "g",
        [image("im1", g, at(40)), image("im2", g, at(41), { seed: null })],
        {
          finishedAt: at(42),
          durationMs: 1500,
        },
      );
      expect(done).toMatchObject({ status: "succeeded", progress: 1, finishedAt: at(42), durationMs: 1500 });

      const images = await store.listImagesForGeneration("g");
      expect(images.map((im) => im.id)).toEqual(["im1", "im2"]);
      expect(images[0]).toEqual<Image>({
        ...image("im1", g, at(40)),
        prompt: "a lighthouse at dusk",
        backend: "automatic1111",
      });
      expect(images[1]?.seed).toBeNull();
      expect(await store.getImage("im2")).toEqual(images[1]);
      expect(await store.completeGeneration("missing", [], {})).toBeUndefined();
    });

    it("rolls a failed completion back entirely", async () => {
      await store.createIdeaWithVersion(idea("i", "idea"), version("v", "i"));
      await store.createVersion(version("other", "i", { parentId: "v" }));
      const g = generation("g", "v", "i", { status: "running" });
      await store.createGeneration(g);

      // The second image claims another version: the schema refuses it, and the first must not stay.
      const bad = [image("ok", g, at(50)), image("wrong", g, at(51), { promptId: "other" })];
      await expect(store.completeGeneration("g", bad, {})).rejects.toThrow();
      expect(await store.getImage("ok")).toBeUndefined();
      expect(await store.getGeneration("g")).toMatchObject({ status: "running", progress: 0 });
    });
  });

  describe("listImages", () => {
    it("pages 25 images 10/10/5, newest first, without duplicates", async () => {
      const g = await seed(store, "i", "idea", "prompt");
      // Pairs share a timestamp so the id has to break the tie.
      const images = Array.from({ length: 25 }, (_, n) =>
        image(`img${String(n).padStart(2, "0")}`, g, at(100 + Math.floor(n / 2))),
      );
      await store.completeGeneration(g.id, images, {});

      const pages: Image[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listImages({ limit: 10, cursor });
        pages.push(page.items);
        cursor = page.nextCursor ?? undefined;
        if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      } while (cursor);

      expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
      const ids = pages.flat().map((im) => im.id);
      expect(new Set(ids).size).toBe(25);
      expect(ids).toEqual(images.map((im) => im.id).reverse());
    });

    it("answers nextCursor null when the last page is exactly full", async () => {
      const g = await seed(store, "i", "idea", "prompt");
      await store.completeGeneration(g.id, [image("a", g, at(1)), image("b", g, at(2))], {});
      expect(await store.listImages({ limit: 2 })).toMatchObject({ nextCursor: null });
      expect(await store.listImages({ limit: 5 })).toMatchObject({ nextCursor: null });
    });

    it("searches every word, case-insensitively, in the idea text or the prompt", async () => {
      const fox = await seed(store, "fox", "A Fox in the SNOW", "red fox, golden hour");
      const city = await seed(store, "city", "night city", "neon CAFÉ street, rain");
      const cotton = await seed(store, "cotton", "shirt", "label: 100% cotton");
      const plain = await seed(store, "plain", "shirt", "label: 1000 cotton");
      const under = await seed(store, "under", "file", "my_file name");
      const lookalike = await seed(store, "lookalike", "file", "myXfile name");
      for (const [n, g] of [fox, city, cotton, plain, under, lookalike].entries()) {
        await store.completeGeneration(g.id, [image(`${g.ideaId}-img`, g, at(n))], {});
      }
      const search = async (q: string) =>
        (await store.listImages({ limit: 50, q })).items.map((im) => im.ideaId).sort();

      expect(await search("fox")).toEqual(["fox"]);
      expect(await search("snow GOLDEN")).toEqual(["fox"]); // one word from the idea, one from the prompt
      expect(await search("fox rain")).toEqual([]); // every word must match
      expect(await search("café")).toEqual(["city"]);
      expect(await search("Café")).toEqual(["city"]); // beyond ASCII too: the row says CAFÉ
      expect(await search("100%")).toEqual(["cotton"]); // % is literal, not a wildcard
      expect(await search("my_file")).toEqual(["under"]); // so is _
      expect(await search("\\")).toEqual([]);
      expect(await search("   ")).toHaveLength(6);
    });

    it("filters by idea, backend and favorite, and pages through a filter", async () => {
      const a = await seed(store, "a", "idea a", "prompt a", "openai");
      const b = await seed(store, "b", "idea b", "prompt b", "comfyui");
      await store.completeGeneration(
        a.id,
        [image("a1", a, at(1)), image("a2", a, at(2), { favorite: true }), image("a3", a, at(3))],
        {},
      );
      await store.completeGeneration(b.id, [image("b1", b, at(4), { favorite: true }), image("b2", b, at(5))], {});
      const ids = async (q: Parameters<Store["listImages"]>[0]) => (await store.listImages(q)).items.map((im) => im.id);

      expect(await ids({ limit: 10, ideaId: "a" })).toEqual(["a3", "a2", "a1"]);
      expect(await ids({ limit: 10, backend: "comfyui" })).toEqual(["b2", "b1"]);
      expect(await ids({ limit: 10, favorite: true })).toEqual(["b1", "a2"]);
      expect(await ids({ limit: 10, favorite: false })).toEqual(["b2", "a3", "a1"]);
      expect(await ids({ limit: 10, ideaId: "a", favorite: true })).toEqual(["a2"]);
      expect(await ids({ limit: 10, backend: "nobody" })).toEqual([]);

      const first = await store.listImages({ limit: 2, ideaId: "a" });
      expect(first.items.map((im) => im.id)).toEqual(["a3", "a2"]);
      const second = await store.listImages({ limit: 2, ideaId: "a", cursor: first.nextCursor ?? undefined });
      expect(second).toMatchObject({ items: [expect.objectContaining({ id: "a1" })], nextCursor: null });
    });

    it("rejects a bad cursor", async () => {
      const bad = [
        "not a cursor!",
        "%%%",
        Buffer.from("just text").toString("base64url"),
        Buffer.from(JSON.stringify(["2025-01-01T00:00:00.000Z"])).toString("base64url"),
        Buffer.from(JSON.stringify(["yesterday", "abc"])).toString("base64url"),
        Buffer.from(JSON.stringify(["2025-01-01T00:00:00.000Z", "../etc"])).toString("base64url"),
        Buffer.from(JSON.stringify({ createdAt: "2025-01-01T00:00:00.000Z", id: "abc" })).toString("base64url"),
      ];
      for (const cursor of bad) {
        await expectAppError(store.listImages({ limit: 10, cursor }), "invalid_request", "bad cursor");
        await expectAppError(store.listIdeas({ limit: 10, cursor }), "invalid_request", "bad cursor");
      }
    });

    it("rejects a limit below one", async () => {
      await expectAppError(store.listImages({ limit: 0 }), "invalid_request");
    });
  });

  describe("favorites and deletes", () => {
    it("toggles favorite", async () => {
      const g = await seed(store, "i", "idea", "prompt");
      await store.completeGeneration(g.id, [image("im", g, at(1))], {});
      expect(await store.setFavorite("im", true)).toMatchObject({ id: "im", favorite: true, prompt: "prompt" });
      expect((await store.getImage("im"))?.favorite).toBe(true);
      expect(await store.setFavorite("im", false)).toMatchObject({ favorite: false });
      expect(await store.setFavorite("missing", true)).toBeUndefined();
    });

    it("deletes an image row, and a second delete answers false", async () => {
      const g = await seed(store, "i", "idea", "prompt");
      await store.completeGeneration(g.id, [image("im", g, at(1))], {});
      expect(await store.deleteImage("im")).toBe(true);
      expect(await store.getImage("im")).toBeUndefined();
      expect(await store.deleteImage("im")).toBe(false);
    });

    it("deleteIdea cascades to versions, generations and images, and returns the image ids", async () => {
      const doomed = await seed(store, "doomed", "to delete", "gone soon");
      await store.createVersion(version("doomed-v2", "doomed", { parentId: "doomed-v", createdAt: at(3) }));
      const g2 = generation("doomed-g2", "doomed-v2", "doomed");
      await store.createGeneration(g2);
      await store.completeGeneration(doomed.id, [image("d1", doomed, at(1)), image("d2", doomed, at(2))], {});
      await store.completeGeneration(g2.id, [image("d3", g2, at(3))], {});
      const kept = await seed(store, "kept", "stays", "still here");
      await store.completeGeneration(kept.id, [image("k1", kept, at(4))], {});

      const result = await store.deleteIdea("doomed");
      expect(result.deleted).toBe(true);
      expect(result.imageIds.sort()).toEqual(["d1", "d2", "d3"]);

      expect(await store.getIdea("doomed")).toBeUndefined();
      expect(await store.listVersions("doomed")).toEqual([]);
      expect(await store.listGenerationsForIdea("doomed")).toEqual([]);
      expect(await store.getGeneration("doomed-g2")).toBeUndefined();
      expect(await store.getImage("d3")).toBeUndefined();
      expect((await store.listImages({ limit: 10 })).items.map((im) => im.id)).toEqual(["k1"]);
      expect(await store.listVersions("kept")).toHaveLength(1);

      expect(await store.deleteIdea("doomed")).toEqual({ deleted: false, imageIds: [] });
    });
  });

  describe("listIdeas", () => {
    it("summarises counts and the newest image, pages newest first, and searches", async () => {
      for (let n = 0; n < 5; n++) {
        await store.createIdeaWithVersion(
          idea(`idea${n}`, `idea number ${n}`, at(n * 10)),
          version(`idea${n}-v`, `idea${n}`),
        );
      }
      await store.createVersion(version("idea3-v2", "idea3", { parentId: "idea3-v", prompt: "a Zeppelin over Paris" }));
      const g = generation("g", "idea3-v2", "idea3");
      await store.createGeneration(g);
      await store.completeGeneration(
        "g",
        [image("old", g, at(100)), image("new", g, at(200)), image("mid", g, at(150))],
        {},
      );

      const first = await store.listIdeas({ limit: 2 });
      expect(first.items.map((i) => i.id)).toEqual(["idea4", "idea3"]);
      expect(first.items[1]).toEqual({
        ...idea("idea3", "idea number 3", at(30)),
        versionCount: 2,
        imageCount: 3,
        coverImageId: "new",
        latestPrompt: "a Zeppelin over Paris",
        lastActivityAt: at(30),
        bestScore: null,
        thumbs: ["new", "mid", "old"].map((id) => ({ id, width: 512, height: 512, prompt: "a Zeppelin over Paris" })),
      });
      expect(first.items[0]).toMatchObject({ versionCount: 1, imageCount: 0, coverImageId: null });

      const second = await store.listIdeas({ limit: 2, cursor: first.nextCursor ?? undefined });
      expect(second.items.map((i) => i.id)).toEqual(["idea2", "idea1"]);
      const third = await store.listIdeas({ limit: 2, cursor: second.nextCursor ?? undefined });
      expect(third).toMatchObject({ items: [expect.objectContaining({ id: "idea0" })], nextCursor: null });

      expect((await store.listIdeas({ limit: 10, q: "zeppelin" })).items.map((i) => i.id)).toEqual(["idea3"]);
      expect((await store.listIdeas({ limit: 10, q: "NUMBER 2" })).items.map((i) => i.id)).toEqual(["idea2"]);
      expect((await store.listIdeas({ limit: 10, q: "title of idea1" })).items.map((i) => i.id)).toEqual(["idea1"]);
    });
  });

  describe("process-wide instances", () => {
    it("open lazily from the environment (DATA_DIR, or DATABASE_URL for Postgres), once, and reset for tests", async () => {
      const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
      const files = mkdtempSync(path.join(os.tmpdir(), "promptsmith-files-"));
      delete process.env.DATABASE_URL;
      process.env.DATA_DIR = files;
      Object.assign(process.env, dialect.env());
      resetConfigForTests();
      try {
        const shared = getStore();
        expect(getStore()).toBe(shared);
        await shared.createIdeaWithVersion(idea("s", "shared"), version("s-v", "s"));
        expect(getImageFiles()).toBe(getImageFiles());
        expect(await getImageFiles().listIds()).toEqual([]);
        // The row is in this dialect's database: getStore() chose it from the environment.
        expect(await dialect.query(sql`SELECT text FROM ideas`)).toEqual([{ text: "shared" }]);

        await resetStoreForTests();
        const reopened = getStore();
        expect(reopened).not.toBe(shared);
        expect(await reopened.getIdea("s")).toMatchObject({ text: "shared" });
      } finally {
        await resetStoreForTests();
        for (const [key, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
        }
        resetConfigForTests();
        rmSync(files, { recursive: true, force: true });
      }
    });
  });
});
