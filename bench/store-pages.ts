/**
 * The store's page queries on SQLite and on Postgres: the same 3,000 ideas (500 with 5,000 images) in
 * each, then the gallery's and the ideas list's queries timed (p50 and p95). Postgres is the
 * machine's (127.0.0.1:5432, user postgres; BENCH_POSTGRES_URL points elsewhere), in a database
 * made for the run and dropped after it; where it does not answer, its rows say so.
 *   tsx --conditions react-server bench/store-pages.ts   (also part of `npm run bench`)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createPostgresStore, createSqliteStore } from "@/lib/store";
import type { Store } from "@/lib/store/types";
import { fmt, median, percentile, timeRuns } from "./stats";

const ADMIN_URL = process.env.BENCH_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const IDEAS = 500;
const IMAGES_PER_IDEA = 10;
const RUNS = 200;
const WORDS = ["fox", "lighthouse", "Café", "NEON", "straße", "astronaut", "rain", "snow", "garden", "ÉCLAT"];

export type PageRow = { what: string; median: string; p95: string; runs: number; note: string };

async function seed(store: Store): Promise<void> {
  const base = Date.parse("2025-01-01T00:00:00.000Z");
  const at = (n: number) => new Date(base + n * 1000).toISOString();
  for (let i = 0; i < IDEAS; i++) {
    const ideaId = `idea${i}`;
    const word = WORDS[i % WORDS.length] ?? "";
    await store.createIdeaWithVersion(
      { id: ideaId, text: `a ${word} number ${i}`, title: `Idea ${i}`, createdAt: at(i * 100) },
      {
        id: `${ideaId}-v`,
        ideaId,
        parentId: null,
        source: "refine",
        instruction: null,
        prompt: `a ${word} at dusk, detailed, number ${i}`,
        negativePrompt: null,
        style: null,
        dialect: "prose",
        refiner: "offline",
        model: "bench",
        title: `Idea ${i}`,
        notes: [],
        parts: null,
        locks: [],
        direction: null,
        approvedAt: null,
        checks: [],
        createdAt: at(i * 100 + 1),
      },
    );
    const g = {
      id: `${ideaId}-g`,
      promptId: `${ideaId}-v`,
      ideaId,
      backend: i % 2 ? "offline" : "openai",
      model: "bench",
      params: { size: "512x512", n: IMAGES_PER_IDEA },
      status: "running" as const,
      progress: 0,
      error: null,
      createdAt: at(i * 100 + 2),
      startedAt: at(i * 100 + 2),
      finishedAt: null,
      durationMs: null,
    };
    await store.createGeneration(g);
    const images = Array.from({ length: IMAGES_PER_IDEA }, (_, k) => ({
      id: `${ideaId}-img${k}`,
      generationId: g.id,
      promptId: g.promptId,
      ideaId,
      width: 512,
      height: 512,
      seed: k,
      mime: "image/png",
      byteSize: 1000,
      favorite: k === 0,
      createdAt: at(i * 100 + 3 + k),
    }));
    await store.completeGeneration(g.id, images, { finishedAt: at(i * 100 + 50), durationMs: 1 });
  }
}

/** Ideas without images, for the Ideas page's search (issue 10): words in prompts, instructions and notes. */
const MORE_IDEAS = 2500;
async function seedMoreIdeas(store: Store): Promise<void> {
  const base = Date.parse("2024-01-01T00:00:00.000Z");
  const at = (n: number) => new Date(base + n * 1000).toISOString();
  for (let i = 0; i < MORE_IDEAS; i++) {
    const ideaId = `more${i}`;
    const word = WORDS[(i * 7) % WORDS.length] ?? "";
    const v = {
      id: `${ideaId}-v`,
      ideaId,
      parentId: null,
      source: "refine" as const,
      instruction: null,
      prompt: `a quiet ${word} seen from afar, soft light, number ${i}`,
      negativePrompt: null,
      style: i % 3 ? null : ("watercolor" as const),
      dialect: "prose" as const,
      refiner: "offline",
      model: "bench",
      title: `More ${i}`,
      notes: [`kept the ${word}`],
      parts: null,
      locks: [],
      direction: null,
      approvedAt: null,
      checks: [],
      createdAt: at(i * 10 + 1),
    };
    await store.createIdeaWithVersion(
      { id: ideaId, text: `a ${word} ${i}`, title: `More ${i}`, createdAt: at(i * 10) },
      v,
    );
    await store.createVersion({
      ...v,
      id: `${ideaId}-v2`,
      parentId: v.id,
      instruction: i % 2 ? "make it misty" : "add a lantern",
      prompt: `${v.prompt}, refined`,
      createdAt: at(i * 10 + 2),
    });
  }
}

async function measure(dialect: string, store: Store): Promise<PageRow[]> {
  let t0 = performance.now();
  await seed(store);
  await seedMoreIdeas(store);
  const seedMs = performance.now() - t0;
  const first = await store.listImages({ limit: 50 });
  let deep = first.nextCursor ?? undefined;
  for (let n = 0; n < 40 && deep; n++)
    deep = (await store.listImages({ limit: 50, cursor: deep })).nextCursor ?? undefined;
  const queries: Array<[string, () => Promise<unknown>]> = [
    ["gallery page 1 (50)", () => store.listImages({ limit: 50 })],
    ["gallery page 41 (cursor)", () => store.listImages({ limit: 50, cursor: deep })],
    ["gallery search 2 words", () => store.listImages({ limit: 50, q: "café DUSK" })],
    ["gallery favorites", () => store.listImages({ limit: 50, favorite: true })],
    ["ideas page 1 (24, counts)", () => store.listIdeas({ limit: 24 })],
    ["ideas search non-ASCII", () => store.listIdeas({ limit: 24, q: "STRASSE" })],
    ["ideas search as typed (2 words, prefix)", () => store.listIdeas({ limit: 24, q: "misty lant" })],
    ["ideas search, rare word", () => store.listIdeas({ limit: 24, q: "astronaut refined" })],
    ["ideas filtered (style, has images)", () => store.listIdeas({ limit: 24, style: "watercolor", hasImages: false })],
  ];
  const rows: PageRow[] = [];
  for (const [what, run] of queries) {
    t0 = performance.now();
    const times = await timeRuns(RUNS, run, 10);
    rows.push({
      what: `${dialect}: ${what}`,
      median: fmt(median(times)),
      p95: fmt(percentile(times, 95)),
      runs: times.length,
      note:
        rows.length === 0
          ? `seeded ${IDEAS + MORE_IDEAS} ideas, ${IDEAS * IMAGES_PER_IDEA} images in ${fmt(seedMs)} ms`
          : "",
    });
  }
  return rows;
}

export async function storePageRows(): Promise<PageRow[]> {
  const rows: PageRow[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), "promptsmith-bench-store-"));
  const sqlite = createSqliteStore({ dataDir: dir });
  try {
    rows.push(...(await measure("SQLite", sqlite)));
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const database = `promptsmith_bench_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    const why = `PostgreSQL does not answer at ${new URL(ADMIN_URL).host} (${(e as Error).message})`;
    return [...rows, { what: "Postgres: skipped", median: "-", p95: "-", runs: 0, note: why }];
  }
  try {
    await admin.query(`CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8'`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    const store = createPostgresStore({ url: url.toString() });
    try {
      rows.push(...(await measure("Postgres", store)));
    } finally {
      await store.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  storePageRows().then(
    (rows) => {
      const w = Math.max(...rows.map((r) => r.what.length));
      console.log(`\n| ${"what".padEnd(w)} | median ms | p95 ms | runs | note`);
      console.log(`|${"-".repeat(w + 2)}|-----------|--------|------|-----`);
      for (const r of rows)
        console.log(
          `| ${r.what.padEnd(w)} | ${r.median.padStart(9)} | ${r.p95.padStart(6)} | ${String(r.runs).padStart(4)} | ${r.note}`,
        );
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
