import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seedDataFolder } from "@/lib/seed/seed-data-folder";
import { createFileImageStore, createSqliteStore } from "@/lib/store";
import type { Image } from "@/lib/schemas";
import { describePostgres } from "./store-dialects";

/*
 * npm run seed's code (issue 12), small: 50 ideas and 200 images into a temp folder, then the app's
 * own store and image store read them back: every image once, no gap, no repeat, in the gallery's
 * order, each with its file and its thumbnail; some checked, some favourites, searchable.
 */

const dir = mkdtempSync(path.join(tmpdir(), "promptsmith-seed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("seedDataFolder", () => {
  it("fills a data folder the app can page through, search, and show every image of", async () => {
    const report = await seedDataFolder({ dataDir: dir, ideas: 50, images: 200 });
    expect(report).toMatchObject({ ideas: 50, images: 200 });
    expect(report.checks).toBeGreaterThan(0);

    const store = createSqliteStore({ dataDir: dir });
    try {
      const seen: Image[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = await store.listImages({ limit: 7, cursor });
        seen.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      const ids = seen.map((i) => i.id);
      expect(new Set(ids).size).toBe(200);
      expect(ids).toHaveLength(200);
      const keys = seen.map((i) => `${i.createdAt} ${i.id}`);
      expect(keys).toEqual([...keys].sort().reverse());

      const ideas = await store.listIdeas({ limit: 100 });
      expect(ideas.items).toHaveLength(50);
      expect(ideas.items.every((i) => i.imageCount === 4)).toBe(true);
      expect((await store.listIdeas({ limit: 100, sort: "score" })).items[0]?.bestScore).not.toBeNull();
      expect(seen.some((i) => i.favorite)).toBe(true);
      expect(new Set(seen.map((i) => i.backend)).size).toBeGreaterThan(1);

      // A word of a seeded prompt finds images through the full-text index.
      const word = seen[0]?.prompt.split(/[\s,]+/)[1] ?? "";
      expect((await store.listImages({ limit: 200, q: word })).items.length).toBeGreaterThan(0);

      // Every image's file and thumbnail resolve, with the size its row says.
      const files = createFileImageStore(path.join(dir, "images"));
      for (const image of seen) {
        const full = await files.read(image.id, "full");
        expect(full?.bytes.byteLength, image.id).toBe(image.byteSize);
        const thumb = await files.read(image.id, "thumb", { make: false });
        expect(thumb?.mime, image.id).toBe("image/webp");
      }
      // Hard links: one inode per size, not 200 copies.
      const sample = seen.find(
        (i) => i.width === seen[0]?.width && i.height === seen[0]?.height && i.id !== seen[0]?.id,
      );
      if (sample && seen[0]) {
        const a = statSync(path.join(dir, "images", `${seen[0].id}.png`));
        const b = statSync(path.join(dir, "images", `${sample.id}.png`));
        expect(a.ino).toBe(b.ino);
      }
    } finally {
      await store.close();
    }
  });

  it("finds the same images by a common word as by a rare one, whichever way SQLite walks (image-search.ts)", async () => {
    const big = path.join(dir, "big");
    await seedDataFolder({ dataDir: big, ideas: 400, images: 800, seed: 7 });
    const store = createSqliteStore({ dataDir: big });
    try {
      const all: Image[] = [];
      for (let cursor: string | undefined, guard = 0; guard < 20; guard++) {
        const page = await store.listImages({ limit: 200, cursor });
        all.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor ?? undefined;
      }
      const ideaText = new Map<string, string>();
      for (let cursor: string | undefined, guard = 0; guard < 20; guard++) {
        const page = await store.listIdeas({ limit: 200, cursor });
        for (const i of page.items) ideaText.set(i.id, i.text);
        if (!page.nextCursor) break;
        cursor = page.nextCursor ?? undefined;
      }
      const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
      // "a" (every idea: far above the 500 matched versions where SQLite walks the gallery instead) and rarer ones.
      for (const q of ["a", "fox", "fox dus", "quokka", "quokka mar"]) {
        const asked = words(q);
        const expected = all
          .filter((image) => {
            const have = words(`${ideaText.get(image.ideaId) ?? ""} ${image.prompt}`);
            return asked.every((w, n) =>
              n === asked.length - 1 ? have.some((h) => h.startsWith(w)) : have.includes(w),
            );
          })
          .map((i) => i.id);
        const found: string[] = [];
        for (let cursor: string | undefined, guard = 0; guard < 40; guard++) {
          const page = await store.listImages({ limit: 50, q, cursor });
          found.push(...page.items.map((i) => i.id));
          if (!page.nextCursor) break;
          cursor = page.nextCursor ?? undefined;
        }
        expect(found, q).toEqual(expected);
      }
    } finally {
      await store.close();
    }
  });
});

describePostgres("seedDataFolder with DATABASE_URL", (dialect) => {
  it("seeds that database through the same migrations, and the store pages through every image once", async () => {
    const url = dialect.env().DATABASE_URL ?? "";
    const files = path.join(dir, "pg");
    const report = await seedDataFolder({ dataDir: files, ideas: 20, images: 90, databaseUrl: url });
    expect(report).toMatchObject({ ideas: 20, images: 90 });
    const store = dialect.open();
    try {
      const ids: string[] = [];
      for (let cursor: string | undefined, guard = 0; guard < 40; guard++) {
        const page = await store.listImages({ limit: 8, cursor });
        ids.push(...page.items.map((i) => i.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor ?? undefined;
      }
      expect(new Set(ids).size).toBe(90);
      expect(ids).toHaveLength(90);
      const image = await store.getImage(ids[0] ?? "");
      const bytes = await createFileImageStore(path.join(files, "images")).read(ids[0] ?? "", "full");
      expect(bytes?.bytes.byteLength).toBe(image?.byteSize);
    } finally {
      await store.close();
    }
  });
});
