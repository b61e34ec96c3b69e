/**
 * Issue 12: the gallery and the Ideas list at 100,000 images and 20,000 ideas, on SQLite and on
 * Postgres. Each is seeded with `npm run seed`'s code (lib/seed/seed-data-folder.ts), then every
 * page query the two lists make is timed (p50 and p95 of RUNS runs) next to its goal: a page
 * p95 ≤ 20 ms, a search p95 ≤ 50 ms. Postgres is the machine's (BENCH_POSTGRES_URL overrides),
 * in a database made for the run and dropped after it.
 *   npm run bench -- scale        (SCALE_IMAGES / SCALE_IDEAS shrink it for a quick look)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { seedDataFolder } from "@/lib/seed/seed-data-folder";
import { createPostgresStore, createSqliteStore } from "@/lib/store";
import { encodeCursor } from "@/lib/store/cursor";
import type { ImageListQuery, Store } from "@/lib/store/types";
import { fmt, median, percentile, timeRuns } from "./stats";

const ADMIN_URL = process.env.BENCH_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const IMAGES = Number(process.env.SCALE_IMAGES) || 100_000;
const IDEAS = Number(process.env.SCALE_IDEAS) || 20_000;
const RUNS = 200;
const PAGE = 48;
const PAGE_GOAL_MS = 20;
const SEARCH_GOAL_MS = 50;

export type ScaleRow = {
  what: string;
  median: string;
  p95: string;
  runs: number;
  goal: string;
  ok: boolean;
  /** For the closing table (bench/summary.ts): which goal it is held to, and its p95 in ms. */
  dialect?: string;
  kind?: "page" | "search";
  p95Ms?: number;
};

/** The worst p95 of each kind per dialect: what the issue's paging and search figures are. */
export function worstP95(
  rows: ScaleRow[],
): Array<{ dialect: string; kind: "page" | "search"; p95Ms: number; what: string }> {
  const worst = new Map<string, { dialect: string; kind: "page" | "search"; p95Ms: number; what: string }>();
  for (const r of rows) {
    if (!r.dialect || !r.kind || r.p95Ms === undefined) continue;
    const key = `${r.dialect} ${r.kind}`;
    if ((worst.get(key)?.p95Ms ?? -1) < r.p95Ms)
      worst.set(key, { dialect: r.dialect, kind: r.kind, p95Ms: r.p95Ms, what: r.what });
  }
  return [...worst.values()];
}

/** A cursor halfway down the gallery: what the page would pass after scrolling through 50,000 images. */
async function deepCursor(store: Store): Promise<string> {
  let page = await store.listImages({ limit: 200 });
  for (let n = 1; n < IMAGES / 2 / 200 && page.nextCursor; n++) {
    page = await store.listImages({ limit: 200, cursor: page.nextCursor });
  }
  const last = page.items.at(-1);
  if (!last) throw new Error("bench: the seeded gallery is empty");
  return encodeCursor(last);
}

async function measure(dialect: string, store: Store, seedNote: string): Promise<ScaleRow[]> {
  const deep = await deepCursor(store);
  // A seed and a month that exist in the seeded rows.
  const sample = (await store.listImages({ limit: PAGE, backend: "automatic1111" })).items[0];
  const gallery = (q: Omit<ImageListQuery, "limit">) => () => store.listImages({ limit: PAGE, ...q });
  const queries: Array<[string, () => Promise<unknown>, number]> = [
    ["gallery page 1", gallery({}), PAGE_GOAL_MS],
    ["gallery page at 50,000 (cursor)", gallery({ cursor: deep }), PAGE_GOAL_MS],
    ["gallery backend", gallery({ backend: "comfyui" }), PAGE_GOAL_MS],
    ["gallery model", gallery({ model: "juggernautXL_v9" }), PAGE_GOAL_MS],
    ["gallery seed", gallery({ seed: sample?.seed ?? 0 }), PAGE_GOAL_MS],
    ["gallery size", gallery({ size: { width: 832, height: 1216 } }), PAGE_GOAL_MS],
    [
      "gallery date range (one month)",
      gallery({ from: "2025-06-01T00:00:00Z", to: "2025-07-01T00:00:00Z" }),
      PAGE_GOAL_MS,
    ],
    ["gallery favourites", gallery({ favorite: true }), PAGE_GOAL_MS],
    ["gallery score ≥ 0.8", gallery({ minScore: 0.8 }), PAGE_GOAL_MS],
    ["gallery best score first", gallery({ sort: "score" }), PAGE_GOAL_MS],
    ["gallery search 2 words", gallery({ q: "fox dusk" }), SEARCH_GOAL_MS],
    ["gallery search, a common word", gallery({ q: "fox" }), SEARCH_GOAL_MS],
    ["gallery search, first letter typed", gallery({ q: "a" }), SEARCH_GOAL_MS],
    ["gallery search, rare + prefix", gallery({ q: "quokka mar" }), SEARCH_GOAL_MS],
    ["ideas page 1", () => store.listIdeas({ limit: 24 }), PAGE_GOAL_MS],
    ["ideas search 2 words, prefix", () => store.listIdeas({ limit: 24, q: "misty lant" }), SEARCH_GOAL_MS],
    ["ideas by score", () => store.listIdeas({ limit: 24, sort: "score" }), PAGE_GOAL_MS],
  ];
  const rows: ScaleRow[] = [];
  for (const [what, run, goal] of queries) {
    const times = await timeRuns(RUNS, run, 10);
    const p95 = percentile(times, 95);
    rows.push({
      what: `${dialect}: ${what}`,
      median: fmt(median(times)),
      p95: fmt(p95),
      runs: times.length,
      goal: `p95 ≤ ${goal} ms${rows.length === 0 ? `; ${seedNote}` : ""}`,
      ok: p95 <= goal,
      dialect,
      kind: goal === SEARCH_GOAL_MS ? "search" : "page",
      p95Ms: p95,
    });
  }
  return rows;
}

const seedNote = (r: { ideas: number; images: number; totalMs: number }) =>
  `seeded ${r.ideas} ideas, ${r.images} images in ${(r.totalMs / 1000).toFixed(1)} s`;

export async function storeScaleRows(only?: "sqlite" | "postgres"): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), "promptsmith-bench-scale-"));
  try {
    if (only !== "postgres") {
      const report = await seedDataFolder({ dataDir: dir, ideas: IDEAS, images: IMAGES });
      const store = createSqliteStore({ dataDir: dir });
      try {
        rows.push(...(await measure("SQLite", store, seedNote(report))));
      } finally {
        await store.close();
      }
    }
    if (only === "sqlite") return rows;

    const database = `promptsmith_bench_scale_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await admin.connect();
    } catch (e) {
      const why = `PostgreSQL does not answer at ${new URL(ADMIN_URL).host} (${(e as Error).message})`;
      return [...rows, { what: "Postgres: skipped", median: "-", p95: "-", runs: 0, goal: why, ok: false }];
    }
    try {
      await admin.query(`CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8'`);
      const url = new URL(ADMIN_URL);
      url.pathname = `/${database}`;
      const pgDir = path.join(dir, "postgres");
      const report = await seedDataFolder({
        dataDir: pgDir,
        ideas: IDEAS,
        images: IMAGES,
        databaseUrl: url.toString(),
      });
      const store = createPostgresStore({ url: url.toString() });
      try {
        rows.push(...(await measure("Postgres", store, seedNote(report))));
      } finally {
        await store.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printScaleRows(rows: ScaleRow[]): void {
  const w = Math.max(...rows.map((r) => r.what.length));
  console.log(`\n| ${"at scale".padEnd(w)} | median ms | p95 ms | runs | goal`);
  console.log(`|${"-".repeat(w + 2)}|-----------|--------|------|-----`);
  for (const r of rows)
    console.log(
      `| ${r.what.padEnd(w)} | ${r.median.padStart(9)} | ${r.p95.padStart(6)} | ${String(r.runs).padStart(4)} | ${r.ok ? "✔" : "✖"} ${r.goal}`,
    );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const only = process.argv[2] === "sqlite" || process.argv[2] === "postgres" ? process.argv[2] : undefined;
  storeScaleRows(only).then(
    (rows) => {
      printScaleRows(rows);
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
