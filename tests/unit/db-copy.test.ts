/**
 * `npm run db:copy`: an embedded data folder (SQLite + images/) copied into a fresh Postgres
 * database and into s3rver, then read back through the real Postgres store and S3 image store
 * and compared entity by entity with the source. Also: an interrupted copy resumes to the same
 * result, a foreign non-empty target is refused without --force, a tampered object and an extra
 * row are reported (exit 1 from the script), and bad input gets one clear line. And the three
 * defects a tryout found: a re-run brings rows changed at the source up to date and the check
 * compares every column (a content digest per table), reading the source in one snapshot and
 * saying when it changed meanwhile; a missing or different thumbnail in the bucket is repaired
 * and checked; text holding U+0000 (which Postgres refuses) is cleaned and each row named.
 *
 * Postgres is the machine's (127.0.0.1:5432, user postgres, trust; TEST_POSTGRES_URL overrides),
 * as in store-dialects.ts: a database per test named promptsmith_test_<time>_…, dropped after.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { StorageConfig } from "@/lib/config";
import { createFileImageStore, createPostgresStore, createS3ImageStore, createSqliteStore } from "@/lib/store";
import { CopyError, type CopyOptions, type CopyResult, copyDataFolder } from "@/lib/store/copy/copy-data-folder";
import { outcome } from "@/lib/store/copy/report";
import { canonicalRow } from "@/lib/store/copy/row-digest";
import { FOLD_FUNCTION, foldCase } from "@/lib/store/text-search";
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
}, 60_000); // a dozen databases to drop, each a checkpoint on a busy machine

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
    approvedAt: null,
    // A checklist (migration 0008) travels as its JSON text, quotes and all.
    checks: [{ id: "c1", text: "the lamp reads «ÉCLAT»", kind: "text", words: ["ÉCLAT"] }],
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
 * failed and queued generations; four images; a library entry; a comparison; an approved
 * version; two shares (one revoked) and two notes of feedback, one a vote for an image.
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
    await store.saveHouseRules("our brand palette is navy and coral", at(41));
    await store.saveHouseRules("no photorealistic people", at(42));
    // An own style (issue 13) with its sample: base64 WebP text, which must cross as it is.
    await store.createOwnStyle({
      id: "own-zine",
      input: {
        label: "Zine",
        description: "",
        medium: "risograph zine print",
        lighting: "flat light",
        palette: "pink and teal ink",
        camera: "centered",
        detail: "grainy ink",
        negative: "",
      },
      createdAt: at(43),
    });
    await store.setOwnStyleSample("own-zine", {
      bytes: new Uint8Array([82, 73, 70, 70, 0, 255]),
      source: "offline",
      imageId: null,
    });

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

    await store.setApproval(mid.id, at(61));
    const share = { ideaId: "idea-a", expiresAt: null, revokedAt: null, createdAt: at(62) };
    await store.createShare({
      ...share,
      id: "sh-1",
      tokenHash: "a".repeat(64),
      target: { kind: "idea", id: "idea-a" },
      label: "Idea: Lighthouse",
      expiresAt: at(10_000),
      feedback: true,
    });
    await store.createShare({
      ...share,
      id: "sh-2",
      tokenHash: "b".repeat(64),
      target: { kind: "image", id: "img-1" },
      label: "Image of Lighthouse",
      feedback: false,
    });
    await store.revokeShare("sh-2", at(63));
    const note = { shareId: "sh-1", ideaId: "idea-a", name: "Ana <b>", createdAt: at(64) };
    await store.addFeedback({ ...note, id: "fb-1", imageId: null, comment: "warmer, «please»", vote: null });
    await store.addFeedback({ ...note, id: "fb-2", imageId: "img-1", comment: null, vote: true });
    // An image check (migration 0009): a fractional score (a double on both sides) and JSON items.
    await store.saveImageCheck({
      id: "chk-1",
      imageId: "img-1",
      judge: { id: "offline", label: "Offline check (no model)", model: "offline-manifest-v1" },
      score: 2 / 3,
      items: [{ checkId: "c1", text: "the lamp reads «ÉCLAT»", kind: "text", verdict: "unsure", reason: "No text." }],
      createdAt: at(65),
    });
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
      feedback: await store.listFeedbackForIdea(summary.id),
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
    shares: await store.listShares(),
    share: await store.findShareByTokenHash("a".repeat(64)),
  };
}

async function readBoth(url: string, dataDir = sourceDir) {
  const source = createSqliteStore({ dataDir });
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
      shares: [2, 2],
      feedback: [2, 2],
      image_checks: [1, 1],
      fix_loops: [0, 0],
      house_rules: [2, 2],
      styles: [1, 1],
    });
    expect(result.verification.images.sourceDigest).toBe(result.verification.images.targetDigest);
    for (const t of result.verification.tables) {
      expect(t.sourceDigest, t.table).toMatch(/^[0-9a-f]{64}$/);
      expect(t.targetDigest, t.table).toBe(t.sourceDigest);
      expect(t.differing, t.table).toEqual([]);
    }
    // Every row new on the target, none updated; nothing changed the source meanwhile.
    expect(result.rows.map((t) => [t.table, t.inserted, t.updated])).toEqual(
      result.verification.tables.map((t) => [t.table, t.source, 0]),
    );
    expect(result.sourceChanged).toBe(false);
    expect(result.nulFixes).toEqual([]);
    expect(outcome(result)).toMatchObject({ exitCode: 0, stderr: [] });
    // Progress: one closing line per table and for the images, in the 1,200/5,000 form.
    expect(lines).toContain("ideas 2/2");
    expect(lines).toContain("prompt_versions 5/5");
    expect(lines).toContain("images 4/4");
    expect(lines).toContain("image bytes 4/4");

    const { source, target } = await readBoth(url);
    expect(source.ideas).toHaveLength(2);
    expect(source.images).toHaveLength(4);
    expect(source.comparison?.cells).toHaveLength(2);
    expect(source.shares.map((sh) => [sh.id, sh.revokedAt])).toEqual([
      ["sh-2", at(63)],
      ["sh-1", null],
    ]);
    expect(source.perIdea.flatMap((i) => i.feedback.map((f) => [f.id, f.vote]))).toEqual([
      ["fb-1", null],
      ["fb-2", true],
    ]);
    expect(source.perIdea.flatMap((i) => i.versions.filter((v) => v.approvedAt).map((v) => v.id))).toEqual(["v-z-mid"]);
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
    expect(result.images).toMatchObject({ copied: 0, thumbnailsRewritten: 0, skipped: 4 });

    const { source, target } = await readBoth(url);
    expect(target).toEqual(source);
    await expectSameBytes(createS3ImageStore(s3Config));

    // A third run over a finished copy changes nothing and still checks out.
    const again = await copyDataFolder(options(url));
    expect(again.verification.ok).toBe(true);
    expect(again.verification.tables.every((t) => t.source === t.target)).toBe(true);
    expect(again.rows.every((t) => t.inserted === 0 && t.updated === 0)).toBe(true);
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
    const ideas = forced.verification.tables.find((t) => t.table === "ideas");
    expect(ideas).toMatchObject({ table: "ideas", source: 2, target: 3, ok: true, differing: [] });
    // The digest is of the source's rows as the target holds them: the foreign row is not the copy's.
    expect(ideas?.targetDigest).toBe(ideas?.sourceDigest);
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
    expect(result.verification.images.thumbnailsMismatched).toEqual([]);
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
    // The extra row changes the target's digest too (each digest ends with its side's row count).
    expect(failed?.stdout).toMatch(/ideas +source +2 +target +3 +digest [0-9a-f]{16}… ≠ [0-9a-f]{16}… +DIFFERENT/);
    expect(failed?.stdout).toMatch(/prompt_versions +source +5 +target +6 +digest \S+ ≠ \S+ +DIFFERENT/);
    expect(failed?.stdout).toMatch(/generations +source +6 +target +6 +digest ([0-9a-f]{16})… = \1… +ok/);
    expect(failed?.stdout).toMatch(/images +4 checked by sha256 with their thumbnails/);
    expect(failed?.stdout).toMatch(
      /MISMATCH in ideas: the target holds 1 row the source does not \(written there since the copy/,
    );
    expect(failed?.stderr).toMatch(/resuming the copy/);
    expect(failed?.stderr).toMatch(
      /db:copy: the target holds rows its source does not have in ideas, prompt_versions \(see above\).*copying again will not change that/,
    );
    expect(failed?.stderr).not.toMatch(/\n\s+at /);

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

/** A copy of the seeded folder, to change without touching the other tests' source. */
function folderCopy(): string {
  const dir = tempDir();
  cpSync(sourceDir, dir, { recursive: true });
  return dir;
}

/** SQL on a data folder's file, by a connection of its own (another process's, as far as the copy can tell). */
function sqliteRun(dataDir: string, statement: string): void {
  const db = new BetterSqlite3(path.join(dataDir, "promptsmith.db"));
  // The search index's triggers (migration 0007) call the app's fold function: any writer needs it.
  db.function(FOLD_FUNCTION, { deterministic: true }, (value: unknown) =>
    typeof value === "string" ? foldCase(value) : value,
  );
  try {
    db.prepare(statement).run();
  } finally {
    db.close();
  }
}

async function pgRun(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const LIVE = version("v-other", "idea-b", null, at(5));

/** A generation the embedded server is running (half done) when the copy starts. */
async function startLiveGeneration(dataDir: string): Promise<void> {
  const store = createSqliteStore({ dataDir });
  try {
    await store.createGeneration(
      generation("gen-live", LIVE, at(70), { status: "running", startedAt: at(71), progress: 1 / 3 }),
    );
  } finally {
    await store.close();
  }
}

/** …and what the server does next: the image's bytes, then its row, and the generation succeeded. */
async function finishLiveGeneration(dataDir: string): Promise<void> {
  const store = createSqliteStore({ dataDir });
  try {
    const bytes = await png(5);
    await createFileImageStore(path.join(dataDir, "images")).put("img-live", bytes, "image/png");
    await store.completeGeneration(
      "gen-live",
      [
        {
          id: "img-live",
          generationId: "gen-live",
          promptId: LIVE.id,
          ideaId: LIVE.ideaId,
          width: 69,
          height: 48,
          seed: 3_000_000_001,
          mime: "image/png",
          byteSize: bytes.byteLength,
          favorite: false,
          createdAt: at(72),
        },
      ],
      { progress: 1, finishedAt: at(73), durationMs: 2000 },
    );
  } finally {
    await store.close();
  }
}

function bucketClient(): S3Client {
  return new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
  });
}

const byTable = (result: CopyResult) => Object.fromEntries(result.verification.tables.map((t) => [t.table, t]));

describe("db:copy, the tryout's defects", () => {
  it("a re-run brings every row changed at the source up to date, and the check compares content", async () => {
    const dir = folderCopy();
    await startLiveGeneration(dir);
    const url = await freshDatabase();
    const first = await copyDataFolder(options(url, { dataDir: dir }));
    expect(first.verification.ok).toBe(true);
    const before = createPostgresStore({ url });
    expect(await before.getGeneration("gen-live")).toMatchObject({ status: "running", progress: 1 / 3 });
    await before.close();

    // The source goes on being used: the generation finishes with an image, a star is taken
    // back, a library entry renamed, and a title changed in place (the counts stay the same).
    await finishLiveGeneration(dir);
    const store = createSqliteStore({ dataDir: dir });
    await store.setFavorite("img-1", false);
    await store.renameLibraryEntry("lib-1", "Warmer lighthouse");
    await store.revokeShare("sh-1", at(90));
    await store.close();
    sqliteRun(dir, "UPDATE ideas SET title = 'Lighthouse at night' WHERE id = 'idea-a'");

    const second = await copyDataFolder(options(url, { dataDir: dir }));
    expect(second.resumed).toBe(true);
    expect(second.sourceChanged).toBe(false);
    expect(second.verification.ok).toBe(true);
    expect(Object.fromEntries(second.rows.map((t) => [t.table, [t.inserted, t.updated]]))).toEqual({
      ideas: [0, 1],
      prompt_versions: [0, 0],
      generations: [0, 1],
      images: [1, 1],
      library_entries: [0, 1],
      comparisons: [0, 0],
      comparison_cells: [0, 0],
      shares: [0, 1],
      feedback: [0, 0],
      image_checks: [0, 0],
      fix_loops: [0, 0],
      house_rules: [0, 0],
      styles: [0, 0],
    });
    expect(second.images).toMatchObject({ copied: 1, thumbnailsRewritten: 0, skipped: 4 });
    expect(outcome(second).stdout).toContain(
      "rows written: 1 inserted, 5 brought up to date (ideas 1, generations 1, images 1, library_entries 1, shares 1)",
    );

    const { source, target } = await readBoth(url, dir);
    expect(target).toEqual(source);
    const after = createPostgresStore({ url });
    expect(await after.getGeneration("gen-live")).toMatchObject({ status: "succeeded", progress: 1 });
    expect((await after.listImagesForGeneration("gen-live")).map((i) => [i.id, i.seed])).toEqual([
      ["img-live", 3_000_000_001],
    ]);
    expect((await after.getIdea("idea-a"))?.title).toBe("Lighthouse at night");
    await after.close();
  });

  it("names the rows whose content differs on the target, though every count agrees", async () => {
    const url = await freshDatabase();
    const result = await copyDataFolder(
      options(url, {
        batchSize: 100,
        // After the rows went and before the check: someone edits two of them on the target.
        onBatch: async (table) => {
          if (table !== "comparison_cells") return;
          await pgRun(url, "UPDATE ideas SET text = 'a fox in the rain' WHERE id = 'idea-b'");
          await pgRun(url, "UPDATE generations SET duration_ms = 5 WHERE id = 'gen-failed'");
        },
      }),
    );
    expect(result.verification.ok).toBe(false);
    const tables = byTable(result);
    expect(tables.ideas).toMatchObject({ source: 2, target: 2, ok: false, differing: ["idea-b"], differingCount: 1 });
    expect(tables.ideas?.targetDigest).not.toBe(tables.ideas?.sourceDigest);
    expect(tables.generations).toMatchObject({ source: 6, target: 6, ok: false, differing: ["gen-failed"] });
    expect(tables.prompt_versions?.ok).toBe(true);
    const { stdout, stderr, exitCode } = outcome(result);
    expect(exitCode).toBe(1);
    expect(stdout).toContain("MISMATCH in ideas: 1 row differs or is missing on the target: idea-b");
    expect(stdout.find((l) => l.startsWith("ideas "))).toMatch(/digest [0-9a-f]{16}… ≠ [0-9a-f]{16}… +DIFFERENT$/);
    expect(stderr).toEqual([
      "db:copy: the copy does not match its source in ideas, generations (see above); run it again to resume, or look at the rows named",
    ]);

    // The next run puts both back.
    const again = await copyDataFolder(options(url));
    expect(again.verification.ok).toBe(true);
    expect(again.rows.filter((t) => t.updated > 0).map((t) => [t.table, t.updated])).toEqual([
      ["ideas", 1],
      ["generations", 1],
    ]);
  });

  it("reads the source in one snapshot, and says so when a running server wrote to it meanwhile", async () => {
    const dir = folderCopy();
    await startLiveGeneration(dir);
    const url = await freshDatabase();
    let wrote = false;
    const first = await copyDataFolder(
      options(url, {
        dataDir: dir,
        // Mid-copy, the embedded server finishes the generation and someone adds an idea.
        onBatch: async (table) => {
          if (table !== "ideas" || wrote) return;
          wrote = true;
          await finishLiveGeneration(dir);
          const store = createSqliteStore({ dataDir: dir });
          await store.createIdeaWithVersion(
            { id: "idea-late", text: "added while copying", title: "Late", createdAt: at(80) },
            version("v-late", "idea-late", null, at(80)),
          );
          await store.close();
        },
      }),
    );
    expect(wrote).toBe(true);
    expect(first.sourceChanged).toBe(true);
    // What was copied is the source at one moment, whole: the generation running, no image row
    // and no bytes for it, no late idea; and it checks out against that same moment.
    expect(first.verification.ok).toBe(true);
    expect(byTable(first).images).toMatchObject({ source: 4, target: 4 });
    const partial = createPostgresStore({ url });
    expect(await partial.getGeneration("gen-live")).toMatchObject({ status: "running" });
    expect(await partial.listImagesForGeneration("gen-live")).toEqual([]);
    expect(await partial.getIdea("idea-late")).toBeUndefined();
    await partial.close();
    expect(await createS3ImageStore(s3Config).listIds()).not.toContain("img-live");
    const said = outcome(first);
    expect(said.exitCode).toBe(1);
    expect(said.stderr).toEqual(["db:copy: the source changed while copying; stop the server and run db:copy again"]);
    expect(said.stdout).not.toContain("db:copy: done; every table and image matches");

    // Run again with the server stopped: the finished generation, its image and the idea arrive.
    const second = await copyDataFolder(options(url, { dataDir: dir }));
    expect(second.sourceChanged).toBe(false);
    expect(second.verification.ok).toBe(true);
    expect(outcome(second).exitCode).toBe(0);
    const { source, target } = await readBoth(url, dir);
    expect(target).toEqual(source);
    const done = createPostgresStore({ url });
    expect(await done.getGeneration("gen-live")).toMatchObject({ status: "succeeded" });
    expect((await done.listImagesForGeneration("gen-live")).map((i) => i.id)).toEqual(["img-live"]);
    expect(await done.getIdea("idea-late")).toBeDefined();
    await done.close();
  });

  it("repairs a thumbnail missing or different in the bucket, and the check covers thumbnails", async () => {
    const url = await freshDatabase();
    expect((await copyDataFolder(options(url))).verification.ok).toBe(true);
    const client = bucketClient();
    try {
      // A copy killed between an image's two PUTs leaves the full object without its thumbnail;
      // another image's thumbnail has been overwritten with something else.
      await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "images/img-3/thumb.webp" }));
      await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: "images/img-4/thumb.webp",
          Body: await png(1),
          ContentType: "image/webp",
        }),
      );
      const bucket = createS3ImageStore(s3Config);
      expect(await bucket.read("img-3", "thumb", { make: false })).toBeUndefined();

      const again = await copyDataFolder(options(url));
      expect(again.images).toMatchObject({ copied: 0, thumbnailsRewritten: 2, skipped: 2 });
      expect(again.verification.ok).toBe(true);
      expect(outcome(again).stdout).toContain(
        "image bytes: 0 copied to the bucket, 2 re-sent for a missing or different thumbnail, 2 already there",
      );
      await expectSameBytes(bucket);
      const folder = createFileImageStore(path.join(sourceDir, "images"));
      for (const id of ["img-3", "img-4"]) {
        const made = (await bucket.read(id, "thumb", { make: false }))?.bytes;
        expect(made && (await folder.read(id, "thumb"))?.bytes.equals(made), id).toBe(true);
      }

      // The check alone: a thumbnail gone after the bytes went is reported, the full image is fine.
      const checked = await copyDataFolder(
        options(url, {
          batchSize: 100,
          onBatch: async (table) => {
            if (table === "comparison_cells") {
              await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "images/img-1/thumb.webp" }));
            }
          },
        }),
      );
      expect(checked.verification.ok).toBe(false);
      expect(checked.verification.images).toMatchObject({ mismatched: [], thumbnailsMismatched: ["img-1"] });
      expect(checked.verification.images.targetDigest).not.toBe(checked.verification.images.sourceDigest);
      const said = outcome(checked);
      expect(said.stdout).toContain("MISMATCH: 1 thumbnails differ or are missing on the target: img-1");
      expect(said.stderr[0]).toMatch(/does not match its source in image files/);
      expect(said.exitCode).toBe(1);
    } finally {
      client.destroy();
    }
  });

  it("with the images left in DATA_DIR, names an image whose thumbnail is gone from the folder", async () => {
    const dir = folderCopy();
    rmSync(path.join(dir, "images", "img-2.thumb.webp"));
    const url = await freshDatabase();
    const result = await copyDataFolder(options(url, { dataDir: dir, storage: { kind: "files" } }));
    // The folder is the source's: the copy does not write into it, and says what a person should know.
    expect(result.verification.ok).toBe(true);
    expect(result.verification.images).toMatchObject({ thumbnailsMissing: ["img-2"], thumbnailsMismatched: [] });
    expect(outcome(result).stdout).toContain("warning: 1 images have no thumbnail in DATA_DIR/images: img-2");
  });

  it("removes U+0000 from an old folder's text, naming each row, and the script says so without a stack", async () => {
    const dir = tempDir();
    const store = createSqliteStore({ dataDir: dir });
    // What an older release let in through its API: SQLite keeps U+0000, Postgres refuses it.
    await store.createIdeaWithVersion(
      { id: "idea-nul", text: "a fox\u0000 in snow", title: "Fox\u0000", createdAt: at(0) },
      { ...version("v-nul", "idea-nul", null, at(1)), prompt: "a fox\u0000, snow\u0000, dusk" },
    );
    await store.createVersion(version("v-clean", "idea-nul", "v-nul", at(2)));
    await store.starVersion({ id: "lib-nul", versionId: "v-nul", name: "Kept\u0000 fox", createdAt: at(3) });
    await store.close();

    const url = await freshDatabase();
    lines.length = 0;
    const result = await copyDataFolder(options(url, { dataDir: dir, storage: { kind: "files" } }));
    expect(result.verification.ok).toBe(true);
    expect(result.nulFixes).toEqual([
      { table: "ideas", key: "idea-nul", columns: ["text", "title"] },
      { table: "prompt_versions", key: "v-nul", columns: ["prompt"] },
      { table: "library_entries", key: "lib-nul", columns: ["name", "idea_text", "prompt"] },
    ]);
    expect(lines).toContain("ideas row idea-nul: removed U+0000 from text, title");
    expect(lines).toContain("prompt_versions row v-nul: removed U+0000 from prompt");
    expect(lines).toContain("library_entries row lib-nul: removed U+0000 from name, idea_text, prompt");
    expect(outcome(result).stdout).toContain(
      "text: removed U+0000 (which Postgres cannot hold) from 3 rows: ideas 1, prompt_versions 1, library_entries 1 (each named above)",
    );
    const target = createPostgresStore({ url });
    expect(await target.getIdea("idea-nul")).toMatchObject({ text: "a fox in snow", title: "Fox" });
    expect((await target.getVersion("v-nul"))?.prompt).toBe("a fox, snow, dusk");
    expect((await target.getLibraryEntry("lib-nul"))?.name).toBe("Kept fox");
    expect((await target.getVersion("v-clean"))?.prompt).toBe("a lighthouse at dusk, version v-clean, «ÉCLAT» ünïcödé");
    await target.close();

    // The script, run again on the same target: the same rows named on stderr, none rewritten
    // (the cleaned values are already there), exit 0, and never a stack trace.
    const run = promisify(execFile);
    const tsx = path.join(ROOT, "node_modules/.bin/tsx");
    const done = await run(tsx, ["--conditions", "react-server", "scripts/db-copy.ts", "--to", url], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, STORAGE: "files", DATABASE_URL: "" },
    });
    expect(done.stderr).toMatch(/^ideas row idea-nul: removed U\+0000 from text, title$/m);
    expect(done.stderr).toMatch(/^library_entries row lib-nul: removed U\+0000 from name, idea_text, prompt$/m);
    expect(done.stderr).not.toMatch(/\n\s+at /);
    expect(done.stdout).toMatch(/^text: removed U\+0000 \(which Postgres cannot hold\) from 3 rows/m);
    expect(done.stdout).toMatch(/^rows written: 0 inserted, 0 brought up to date$/m);
    expect(done.stdout).toMatch(/db:copy: done; every table and image matches/);
  }, 60_000);
});

describe("db:copy's row digest", () => {
  it("writes equal data alike whichever driver read it, and keeps different data apart", () => {
    // The same generation as better-sqlite3 and as a driver that hands bigints and booleans.
    const fromSqlite = {
      id: "g",
      seed: 4_000_000_000,
      progress: 1,
      favorite: 1,
      lease_until: 1.7e12 + 0.5,
      error: null,
    };
    const fromOther = {
      error: null,
      lease_until: 1.7e12 + 0.5,
      favorite: true,
      progress: 1.0,
      seed: 4_000_000_000n,
      id: "g",
    };
    expect(canonicalRow(fromOther)).toBe(canonicalRow(fromSqlite));
    expect(canonicalRow({ n: -0 })).toBe(canonicalRow({ n: 0 }));
    expect(canonicalRow({ n: 1e21 })).toBe(canonicalRow({ n: 10n ** 21n }));
    // A number is not its text, NULL is not "", JSON text is compared as written, floats exactly.
    expect(canonicalRow({ n: 1 })).not.toBe(canonicalRow({ n: "1" }));
    expect(canonicalRow({ t: null })).not.toBe(canonicalRow({ t: "" }));
    expect(canonicalRow({ j: '{"a":1}' })).not.toBe(canonicalRow({ j: '{"a": 1}' }));
    expect(canonicalRow({ x: 0.1 + 0.2 })).not.toBe(canonicalRow({ x: 0.3 }));
    expect(canonicalRow({ a: 1, b: 2 })).not.toBe(canonicalRow({ a: 2, b: 1 }));
  });
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
