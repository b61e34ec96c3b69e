/**
 * `npm run db:copy`: an embedded data folder (SQLite + images/) copied into a fresh Postgres
 * database and into s3rver, then read back through the real Postgres store and S3 image store
 * and compared entity by entity with the source. Also: an interrupted copy resumes to the same
 * result, a foreign non-empty target is refused without --force, a tampered object and an extra
 * row are reported (exit 1 from the script), and bad input gets one clear line.
 *
 * Postgres is the machine's (127.0.0.1:5432, user postgres, trust; TEST_POSTGRES_URL overrides),
 * as in store-dialects.ts: a database per test named promptsmith_test_<time>_…, dropped after.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { StorageConfig } from "@/lib/config";
import { createFileImageStore, createPostgresStore, createS3ImageStore, createSqliteStore } from "@/lib/store";
import { CopyError, type CopyOptions, copyDataFolder } from "@/lib/store/copy/copy-data-folder";
import type { Generation, PromptVersion } from "@/lib/schemas";
import type { ImageFiles, NewImage, Store } from "@/lib/store/types";
import { type S3TestServer, startS3Server } from "./s3-server";
import { generation as storeGeneration } from "./harness/store";

const ADMIN_URL = process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const BUCKET = "promptsmith-copy";
const ROOT = path.resolve(__dirname, "../..");

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const databases: string[] = [];
/** A new, empty database; its URL. */
async function freshDatabase(): Promise<string> {
  const name = `promptsmith_test_${Date.now()}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`));
  databases.push(name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "promptsmith-copy-"));
  dirs.push(dir);
  return dir;
};

let s3: S3TestServer;
let s3Config: Extract<StorageConfig, { kind: "s3" }>;
let sourceDir: string;
const bytesById = new Map<string, Buffer>();

beforeAll(async () => {
  s3 = await startS3Server([BUCKET]);
  s3Config = { kind: "s3", bucket: BUCKET, endpoint: s3.endpoint, region: "us-east-1", forcePathStyle: true };
  sourceDir = tempDir();
  await seed(sourceDir);
}, 60_000);

afterAll(async () => {
  await s3?.stop();
  for (const name of databases) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Each test gets an empty bucket: objects from the test before would look like a resume. */
afterEach(async () => {
  const files = createS3ImageStore(s3Config);
  for (const id of await files.listIds()) await files.remove(id);
});

const at = (s: number) => new Date(Date.parse("2025-05-01T10:00:00.000Z") + s * 1000).toISOString();

function version(id: string, ideaId: string, parentId: string | null, createdAt: string): PromptVersion {
  return {
    id,
    ideaId,
    parentId,
    source: parentId ? "edit" : "refine",
    instruction: parentId ? "warmer light" : null,
    prompt: `a lighthouse at dusk, version ${id}, «ÉCLAT» ünïcödé`,
    negativePrompt: parentId ? "blurry" : null,
    style: "cinematic-photo",
    dialect: "prose",
    refiner: "offline",
    model: "embedded",
    title: `Version ${id}`,
    notes: ["kept the colours", "added lens"],
    parts: { subject: "a lighthouse", lighting: "dusk" } as PromptVersion["parts"],
    locks: parentId ? ["subject"] : [],
    direction: null,
    createdAt,
  };
}

/** The shared store fixture, with this file's seed (beyond 32 bits, as comparisons draw them). */
function generation(id: string, v: PromptVersion, createdAt: string, over: Partial<Generation> = {}): Generation {
  return storeGeneration(id, v.id, v.ideaId, {
    params: { size: "512x512", n: 1, seed: 4_000_000_000 } as Generation["params"],
    createdAt,
    ...over,
  });
}

async function png(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 64 + seed, height: 48, channels: 3, background: { r: seed * 40, g: 90, b: 200 } } })
    .png()
    .toBuffer();
}

/**
 * A data folder as the app leaves it: bytes written through the file image store before their
 * rows, rows through the real SQLite store. Two ideas; a tree of versions where a child and its
 * parent share a created_at and the child's id sorts first (the batch-boundary case); finished,
 * failed and queued generations; four images; a library entry; a comparison.
 */
async function seed(dataDir: string): Promise<void> {
  const store = createSqliteStore({ dataDir });
  const files = createFileImageStore(path.join(dataDir, "images"));
  try {
    const root = version("v-root", "idea-a", null, at(1));
    await store.createIdeaWithVersion(
      { id: "idea-a", text: "a lighthouse, «stormy»", title: "Lighthouse", createdAt: at(0) },
      root,
    );
    const mid = version("v-z-mid", "idea-a", "v-root", at(2));
    const leaf = version("v-a-leaf", "idea-a", "v-z-mid", at(2)); // same time as its parent, id sorts before it
    const branch = version("v-branch", "idea-a", "v-root", at(3));
    for (const v of [mid, leaf, branch]) await store.createVersion(v);

    const other = version("v-other", "idea-b", null, at(5));
    await store.createIdeaWithVersion({ id: "idea-b", text: "a fox in snow", title: "Fox", createdAt: at(4) }, other);

    let n = 0;
    const finish = async (g: Generation, count: number) => {
      await store.createGeneration(g);
      const images: NewImage[] = [];
      for (let i = 0; i < count; i++) {
        const id = `img-${++n}`;
        const bytes = await png(n);
        bytesById.set(id, bytes);
        await files.put(id, bytes, "image/png");
        images.push({
          id,
          generationId: g.id,
          promptId: g.promptId,
          ideaId: g.ideaId,
          width: 64 + n,
          height: 48,
          seed: 7 + n,
          mime: "image/png",
          byteSize: bytes.byteLength,
          favorite: false,
          createdAt: at(20 + n),
        });
      }
      await store.completeGeneration(g.id, images, { finishedAt: at(30), durationMs: 1234, startedAt: at(11) });
    };
    await finish(generation("gen-1", leaf, at(10)), 2);
    await finish(generation("gen-2", other, at(12)), 1);
    await store.createGeneration(
      generation("gen-failed", branch, at(13), {
        status: "failed",
        error: { code: "backend_unavailable", message: "the backend went away" },
      }),
    );
    await store.setFavorite("img-1", true);
    await store.starVersion({ id: "lib-1", versionId: leaf.id, name: "Warm lighthouse", createdAt: at(40) });

    const cellGens = [generation("gen-c1", root, at(50)), generation("gen-c2", branch, at(50))];
    await store.createComparison(
      {
        id: "cmp-1",
        ideaId: "idea-a",
        kind: "versions",
        seed: 99,
        params: { size: "512x512", n: 1, seed: 99 } as Generation["params"],
        title: "Root against branch",
        cells: cellGens.map((g, position) => ({
          position,
          label: `Cell ${position}`,
          versionId: g.promptId,
          backend: g.backend,
          generationId: g.id,
        })),
        createdAt: at(50),
      },
      cellGens,
    );
    await finish(generation("gen-3", mid, at(60)), 1);
  } finally {
    await store.close();
  }
}

async function allPages<T>(fetch: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** Everything the app can read, through the Store API, in one comparable value. */
async function everything(store: Store) {
  const ideas = await allPages((cursor) => store.listIdeas({ limit: 2, cursor }));
  const perIdea = [];
  for (const summary of ideas) {
    const generations = await store.listGenerationsForIdea(summary.id);
    perIdea.push({
      idea: await store.getIdea(summary.id),
      versions: await store.listVersions(summary.id),
      generations,
      images: await Promise.all(generations.map((g) => store.listImagesForGeneration(g.id))),
      library: await store.listLibraryForIdea(summary.id),
      comparisons: await store.listComparisons(summary.id),
    });
  }
  const images = await allPages((cursor) => store.listImages({ limit: 2, cursor }));
  return {
    ideas,
    perIdea,
    images,
    neighbours: await Promise.all(images.map((i) => store.getImageNeighbours(i.id))),
    favorites: await allPages((cursor) => store.listImages({ limit: 10, cursor, favorite: true })),
    search: await allPages((cursor) => store.listImages({ limit: 10, cursor, q: "éclat" })),
    library: await allPages((cursor) => store.listLibrary({ limit: 10, cursor })),
    comparison: await store.getComparison("cmp-1"),
  };
}

async function readBoth(url: string) {
  const source = createSqliteStore({ dataDir: sourceDir });
  const target = createPostgresStore({ url });
  try {
    return { source: await everything(source), target: await everything(target) };
  } finally {
    await source.close();
    await target.close();
  }
}

async function expectSameBytes(files: ImageFiles) {
  expect(bytesById.size).toBe(4);
  for (const [id, bytes] of bytesById) {
    const full = await files.read(id, "full");
    expect(full?.bytes.equals(bytes), id).toBe(true);
    expect(full?.mime).toBe("image/png");
    expect((await files.read(id, "thumb"))?.mime).toBe("image/webp");
  }
}

const lines: string[] = [];
const options = (to: string, over: Partial<CopyOptions> = {}): CopyOptions => ({
  dataDir: sourceDir,
  to,
  storage: s3Config,
  batchSize: 1,
  progress: (line) => lines.push(line),
  ...over,
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe("db:copy", () => {
  it("copies every row and image into Postgres and the bucket, and the real stores read the same", async () => {
    const url = await freshDatabase();
    lines.length = 0;
    const result = await copyDataFolder(options(url, { batchSize: 2 }));
    expect(result.verification.ok).toBe(true);
    expect(result.resumed).toBe(false);
    expect(result.images).toMatchObject({ copied: 4, skipped: 0, missingAtSource: [], storage: "s3" });
    expect(Object.fromEntries(result.verification.tables.map((t) => [t.table, [t.source, t.target]]))).toEqual({
      ideas: [2, 2],
      prompt_versions: [5, 5],
      generations: [6, 6],
      images: [4, 4],
      library_entries: [1, 1],
      comparisons: [1, 1],
      comparison_cells: [2, 2],
    });
    expect(result.verification.images.sourceDigest).toBe(result.verification.images.targetDigest);
    // Progress: one closing line per table and for the images, in the 1,200/5,000 form.
    expect(lines).toContain("ideas 2/2");
    expect(lines).toContain("prompt_versions 5/5");
    expect(lines).toContain("images 4/4");
    expect(lines).toContain("image bytes 4/4");

    const { source, target } = await readBoth(url);
    expect(source.ideas).toHaveLength(2);
    expect(source.images).toHaveLength(4);
    expect(source.comparison?.cells).toHaveLength(2);
    expect(target).toEqual(source);
    await expectSameBytes(createS3ImageStore(s3Config));
  });

  it("resumes an interrupted copy to the same result, with no duplicates", async () => {
    const url = await freshDatabase();
    const failure = await rejection(
      copyDataFolder(
        options(url, {
          onBatch: (_table, n) => {
            if (n === 4) throw new Error("injected: the copy was interrupted");
          },
        }),
      ),
    );
    expect(failure.message).toMatch(/injected/);
    const partial = createPostgresStore({ url });
    expect((await allPages((cursor) => partial.listIdeas({ limit: 10, cursor }))).length).toBe(2);
    expect(await partial.getGeneration("gen-3")).toBeUndefined();
    await partial.close();

    const result = await copyDataFolder(options(url));
    expect(result.resumed).toBe(true);
    expect(result.verification.ok).toBe(true);
    // The bytes went before the rows, on the first run; the second sends nothing again.
    expect(result.images).toMatchObject({ copied: 0, skipped: 4 });

    const { source, target } = await readBoth(url);
    expect(target).toEqual(source);
    await expectSameBytes(createS3ImageStore(s3Config));

    // A third run over a finished copy changes nothing and still checks out.
    const again = await copyDataFolder(options(url));
    expect(again.verification.ok).toBe(true);
    expect(again.verification.tables.every((t) => t.source === t.target)).toBe(true);
  });

  it("refuses a target that already holds another database's rows, unless forced", async () => {
    const url = await freshDatabase();
    const foreign = createPostgresStore({ url });
    await foreign.createIdeaWithVersion(
      { id: "someone-else", text: "theirs", title: "Theirs", createdAt: at(100) },
      version("their-version", "someone-else", null, at(100)),
    );
    await foreign.close();

    const refused = await rejection(copyDataFolder(options(url)));
    expect(refused).toBeInstanceOf(CopyError);
    expect(refused.message).toMatch(/already holds Promptsmith rows.*--force/);
    // Nothing was written: the foreign idea is alone, and no object went to the bucket.
    expect(await countIdeas(url)).toEqual([{ n: 1 }]);
    expect(await createS3ImageStore(s3Config).listIds()).toEqual([]);
    expect(await tableNames(url)).not.toContain("promptsmith_copy");

    const forced = await copyDataFolder(options(url, { force: true }));
    expect(forced.verification.ok).toBe(true);
    expect(forced.verification.tables.find((t) => t.table === "ideas")).toEqual({
      table: "ideas",
      source: 2,
      target: 3,
    });
  });

  it("reports an object that differs on the target", async () => {
    const url = await freshDatabase();
    const bucket = createS3ImageStore(s3Config);
    const result = await copyDataFolder(
      options(url, {
        batchSize: 100,
        // After the bytes went and before the check: someone overwrites one object.
        onBatch: async (table) => {
          if (table === "comparison_cells") await bucket.put("img-2", await png(9), "image/png");
        },
      }),
    );
    expect(result.verification.ok).toBe(false);
    expect(result.verification.images.mismatched).toEqual(["img-2"]);
    expect(result.verification.images.sourceDigest).not.toBe(result.verification.images.targetDigest);
  });

  it("says clearly what is wrong with its input, and creates nothing", async () => {
    expect((await rejection(copyDataFolder(options("")))).message).toMatch(/--to is required/);
    expect((await rejection(copyDataFolder(options("not a url")))).message).toMatch(/--to is not a URL/);
    expect((await rejection(copyDataFolder(options("mysql://db/x")))).message).toMatch(/postgres:\/\//);

    const missing = path.join(tempDir(), "nowhere");
    const noDir = await rejection(copyDataFolder(options(ADMIN_URL, { dataDir: missing })));
    expect(noDir.message).toMatch(/DATA_DIR .*nowhere does not exist/);
    expect(existsSync(missing)).toBe(false);

    const empty = tempDir();
    mkdirSync(path.join(empty, "images"));
    const noFile = await rejection(copyDataFolder(options(ADMIN_URL, { dataDir: empty })));
    expect(noFile.message).toMatch(/holds no promptsmith\.db/);
    expect(existsSync(path.join(empty, "promptsmith.db"))).toBe(false);

    const unreachable = await rejection(copyDataFolder(options("postgres://someone:secret@127.0.0.1:1/promptsmith")));
    expect(unreachable).toBeInstanceOf(CopyError);
    expect(unreachable.message).toMatch(/127\.0\.0\.1:1\/promptsmith cannot be used: .*ECONNREFUSED/);
    expect(unreachable.message).not.toMatch(/secret/);
  });

  it("the script prints the check and exits 1 on a mismatch", async () => {
    const url = await freshDatabase();
    expect((await copyDataFolder(options(url))).verification.ok).toBe(true);
    // A row the source does not have: the counts no longer agree.
    const extra = createPostgresStore({ url });
    await extra.createIdeaWithVersion(
      { id: "added-later", text: "added", title: "Added", createdAt: at(200) },
      version("added-version", "added-later", null, at(200)),
    );
    await extra.close();

    const env = {
      ...process.env,
      DATA_DIR: sourceDir,
      STORAGE: "s3",
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: s3.endpoint,
      S3_FORCE_PATH_STYLE: "true",
      DATABASE_URL: "",
    };
    const run = promisify(execFile);
    const tsx = path.join(ROOT, "node_modules/.bin/tsx");
    const failed = await run(
      tsx,
      ["--conditions", "react-server", "scripts/db-copy.ts", "--to", url, "--storage", "s3"],
      {
        cwd: ROOT,
        env,
      },
    ).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/ideas +source +2 +target +3 +DIFFERENT/);
    expect(failed?.stdout).toMatch(/prompt_versions +source +5 +target +6 +DIFFERENT/);
    expect(failed?.stdout).toMatch(/images +4 checked by sha256/);
    expect(failed?.stderr).toMatch(/resuming the copy/);
    expect(failed?.stderr).toMatch(/db:copy: the copy does not match its source/);

    const badUrl = await run(tsx, ["--conditions", "react-server", "scripts/db-copy.ts", "--to", "http://x"], {
      cwd: ROOT,
      env,
    }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(badUrl?.code).toBe(1);
    expect(badUrl?.stderr.trim()).toBe("db:copy: --to must be a postgres:// or postgresql:// URL, not http://");
  }, 60_000);
});

async function countIdeas(url: string): Promise<{ n: number }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM ideas")).rows;
  } finally {
    await client.end();
  }
}

async function tableNames(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    return rows.map((r) => r.tablename);
  } finally {
    await client.end();
  }
}
