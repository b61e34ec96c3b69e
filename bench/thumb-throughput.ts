/**
 * Thumbnail throughput (issue 12: at least 3,000 thumbnail requests a second on this 2-core
 * machine): a production server on a data folder seeded through the store (THUMBS images, each
 * with its content hash and its thumbnail made), then autocannon over their content-addressed
 * URLs, every thumbnail asked for in turn:
 * - 200: warm thumbnails, no validator sent (a browser's first visit, a CDN filling);
 * - 304: the same with If-None-Match (a reload, a CDN revalidating);
 * each without the password gate and behind it (APP_PASSWORD, a Bearer token, which the server hook
 * checks as proxy.ts does). The load generator shares the machine's two cores with the server.
 *   npm run bench -- thumbs        (under the build lock: it builds when the sources changed)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { renderOfflineSketch } from "@/lib/backends/offline";
import { imageUrls } from "@/lib/client/api";
import { createFileImageStore, createSqliteStore } from "@/lib/store";
import { sha256 } from "@/lib/store/copy/image-hashes";
import type { NewImage } from "@/lib/store/types";
import { startApp } from "./app-server";

const PORT = 3193;
const THUMBS = 64;
const CONNECTIONS = 32;
const SECONDS = 8;
export const THUMBS_GOAL = 3000;
const TOKEN = "bench-thumbs-token-0123456789";

type Req = { method: string; path: string; headers: Record<string, string> };

export type ThumbRow = { what: string; perSecond: number; p50Ms: number; p99Ms: number; requests: number };

/** THUMBS images of one idea, each with different bytes (a seed of its own), stored as the app stores them. */
export async function seedThumbnails(dataDir: string): Promise<{ id: string; hash: string }[]> {
  const store = createSqliteStore({ dataDir });
  const files = createFileImageStore(path.join(dataDir, "images"));
  const at = new Date().toISOString();
  const ideaId = "bench-thumbs-idea";
  await store.createIdeaWithVersion(
    { id: ideaId, text: "a fox in the snow", title: "Thumbnails", createdAt: at },
    {
      id: `${ideaId}-v`,
      ideaId,
      parentId: null,
      source: "refine",
      instruction: null,
      prompt: "a fox in the snow at dusk",
      negativePrompt: null,
      style: null,
      dialect: "prose",
      refiner: "offline",
      model: "bench",
      title: "Thumbnails",
      notes: [],
      parts: null,
      locks: [],
      direction: null,
      approvedAt: null,
      checks: [],
      createdAt: at,
    },
  );
  const g = {
    id: `${ideaId}-g`,
    promptId: `${ideaId}-v`,
    ideaId,
    backend: "offline",
    model: "bench",
    params: { size: "512x512", n: THUMBS },
    status: "running" as const,
    progress: 0,
    error: null,
    createdAt: at,
    startedAt: at,
    finishedAt: null,
    durationMs: null,
  };
  await store.createGeneration(g);
  const images: NewImage[] = [];
  for (let i = 0; i < THUMBS; i++) {
    const id = `bench-thumb-${i}`;
    const bytes = await renderOfflineSketch({ prompt: "a fox in the snow at dusk", width: 512, height: 512, seed: i });
    const { byteSize } = await files.put(id, bytes, "image/png");
    images.push({
      id,
      generationId: g.id,
      promptId: g.promptId,
      ideaId,
      width: 512,
      height: 512,
      seed: i,
      mime: "image/png",
      byteSize,
      favorite: false,
      createdAt: at,
      contentHash: sha256(bytes),
    });
  }
  await store.completeGeneration(g.id, images, { status: "succeeded", finishedAt: at, progress: 1 });
  await files.settled();
  await store.close();
  return images.map((i) => ({ id: i.id, hash: i.contentHash ?? "" }));
}

async function cannon(url: string, requests: Req[], what: string): Promise<ThumbRow> {
  const expected = what.startsWith("304") ? "304" : "200";
  // Two worker threads: one thread reading 15-40 kB answers is slower than the server sending them.
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, workers: 2, requests });
  const other = Object.entries(result.statusCodeStats).filter(([code]) => code !== expected);
  if (other.length || result.errors || result.timeouts) {
    throw new Error(
      `${what}: answers other than ${expected} ${JSON.stringify(other)}, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    what,
    perSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.average * SECONDS,
  };
}

async function measure(
  seeded: { id: string; hash: string }[],
  env: Record<string, string>,
  dataDir: string,
  label: string,
  headers: Record<string, string>,
): Promise<ThumbRow[]> {
  const app = await startApp(PORT, env, { dataDir });
  try {
    const etags: string[] = [];
    for (const { id, hash } of seeded) {
      const res = await fetch(`${app.url}${imageUrls.thumb(id, hash)}`, { headers });
      const cache = res.headers.get("cache-control") ?? "";
      if (res.status !== 200 || !cache.includes("immutable")) throw new Error(`${id}: ${res.status} ${cache}`);
      etags.push(res.headers.get("etag") ?? "");
      await res.arrayBuffer();
    }
    const paths = seeded.map(({ id, hash }) => imageUrls.thumb(id, hash));
    const fresh = paths.map((p) => ({ method: "GET", path: p, headers }));
    const revalidate = paths.map((p, i) => ({
      method: "GET",
      path: p,
      headers: { ...headers, "if-none-match": etags[i] ?? "" },
    }));
    // A short warm-up, so the first rows do not pay for the server's JIT.
    await autocannon({ url: app.url, connections: CONNECTIONS, duration: 2, requests: fresh });
    return [
      await cannon(app.url, fresh, `200 warm thumbnail, ${label}`),
      await cannon(app.url, revalidate, `304 If-None-Match, ${label}`),
    ];
  } finally {
    app.stop();
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function thumbRows(): Promise<ThumbRow[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-bench-thumbs-"));
  try {
    const seeded = await seedThumbnails(dataDir);
    return [
      ...(await measure(seeded, {}, dataDir, "no gate", {})),
      ...(await measure(
        seeded,
        {
          APP_PASSWORD: "bench-thumbs-password",
          API_TOKENS: TOKEN,
          SESSION_SECRET: "bench-thumbs-session-secret-0123456789",
        },
        dataDir,
        "behind the gate (Bearer)",
        { authorization: `Bearer ${TOKEN}` },
      )),
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printThumbRows(rows: ThumbRow[]): void {
  const w = Math.max(...rows.map((r) => r.what.length));
  console.log(
    `\nThumbnails: ${THUMBS} content-addressed thumbnails in turn, ${CONNECTIONS} connections, ${SECONDS} s each (autocannon, 2 worker threads, on the same machine)`,
  );
  console.log(`| ${"what".padEnd(w)} |   req/s | p50 ms | p99 ms | goal`);
  console.log(`|${"-".repeat(w + 2)}|---------|--------|--------|-----`);
  for (const r of rows) {
    const met = r.perSecond >= THUMBS_GOAL ? "met" : "NOT met";
    console.log(
      `| ${r.what.padEnd(w)} | ${r.perSecond.toFixed(0).padStart(7)} | ${String(r.p50Ms).padStart(6)} | ${String(r.p99Ms).padStart(6)} | ≥ ${THUMBS_GOAL} (${met})`,
    );
  }
}
