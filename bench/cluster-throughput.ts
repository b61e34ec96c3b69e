/**
 * Generations per second with 1 and with 3 instances of the production server on one Postgres
 * database and one S3 bucket (s3rver), against a slow image backend with a limit of 4 at once.
 *
 * The backend is the fake OpenAI server (in its own process), its images answered after
 * BENCH_CLUSTER_DELAY_MS (its other endpoints, moderation included, at once). Not the AUTOMATIC1111 fake: like A1111 itself it
 * runs one job at a time (its queue lock), so it would be the bottleneck at 1 and a limit of 4 could
 * never show. The fake OpenAI server answers any number at once, so the limit alone bounds it.
 *
 * Each instance reaches the fake through its own front of one counting proxy: the proxy knows how
 * many image requests were at the backend at once across the cluster (the limit holds cluster-wide
 * when that peak stays at 4 with 3 instances), which instance sent how many, and how long the
 * backend was busy. The backend-bound ceiling is then limit / (mean time a request spends at the
 * backend); what the cluster falls short of it is the app's overhead: the POST, the claim, and
 * storing the image and its thumbnail between one backend call and the next.
 *
 * A burst of BENCH_CLUSTER_GENERATIONS POST /api/generate, spread round-robin over the instances
 * as a load balancer would, after one warm-up generation per instance; the bench then watches the
 * rows in Postgres (not the app's HTTP, which would add load) until every one has ended. The
 * figure is generations / (last finished_at − first POST). Per-client limits are lifted, since
 * all the requests come from one address.
 */
import pg from "pg";
import { startS3Server } from "@/tests/unit/s3-server";
import { startAppInstances } from "./app-instances";
import { createBenchDatabase, postgresProblem } from "./bench-database";
import { startCountingProxy } from "./counting-proxy";
import { startFakeOpenAIProcess } from "./fake-openai-process";
import { memory, processTree } from "./proc-memory";
import { ensureProductionBuild } from "./production-build";

const LIMIT = 4;
const DELAY_MS = Number(process.env.BENCH_CLUSTER_DELAY_MS ?? 1000);
const GENERATIONS = Number(process.env.BENCH_CLUSTER_GENERATIONS ?? 48);
const INSTANCE_COUNTS = (process.env.BENCH_CLUSTER_INSTANCES ?? "1,3").split(",").map(Number);
const BUCKET = "promptsmith-bench";
const SIZE = "1024x1024";

export type ClusterRow = {
  instances: number;
  generations: number;
  succeeded: number;
  /** Statuses of the generations that did not succeed, with their error codes. */
  failures: string[];
  wallMs: number;
  perSecond: number;
  /** LIMIT / mean backend time per request: what the backend allows. */
  ceilingPerSecond: number;
  meanBackendMs: number;
  /** Mean started_at → finished_at of the generations that succeeded: the backend call and what the job does around it. */
  meanJobMs: number;
  /** Busy backend slot-time over LIMIT × wall. */
  busyShare: number;
  /** Backend slot-time left idle per generation: the app's share of each turn. */
  idleMsPerGeneration: number;
  peakAtBackend: number;
  backendRequests: number;
  /** Image requests each instance sent. */
  perInstance: number[];
  /** The same for the warm-up: one generation posted to each instance. */
  warmUpPerInstance: number[];
  /** Peak VmRSS of each instance's process tree during the burst, kB. */
  peakRssKb: number[];
};

type Posted = { id: string } | { status: number; body: string };

async function post(url: string, body: unknown): Promise<Posted> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status === 202 || res.status === 201) return { id: (JSON.parse(text) as { id: string }).id };
  return { status: res.status, body: text.slice(0, 200) };
}

type Ended = { status: string; startedAt: number | null; finishedAt: number | null; error: string | null };

/** Waits until every generation has ended, reading their rows every 100 ms. */
async function waitEnded(db: pg.Client, ids: string[], timeoutMs: number): Promise<Map<string, Ended>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<{
      id: string;
      status: string;
      started_at: string | null;
      finished_at: string | null;
      error: string | null;
    }>("SELECT id, status, started_at, finished_at, error FROM generations WHERE id = ANY($1::text[])", [ids]);
    const ended = new Map<string, Ended>();
    for (const r of rows)
      if (r.status !== "queued" && r.status !== "running")
        ended.set(r.id, {
          status: r.status,
          startedAt: r.started_at ? Date.parse(r.started_at) : null,
          finishedAt: r.finished_at ? Date.parse(r.finished_at) : null,
          error: r.error,
        });
    if (ended.size === ids.length) return ended;
    if (Date.now() > deadline)
      throw new Error(`${ids.length - ended.size} of ${ids.length} generations had not ended after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function measure(
  count: number,
  fakeUrl: string,
  s3Endpoint: string,
  s3Keys: Record<string, string>,
): Promise<ClusterRow> {
  const bucket = `${BUCKET}-${count}`;
  const database = await createBenchDatabase("promptsmith_bench_cluster");
  const proxy = await startCountingProxy(new URL(fakeUrl), count);
  let cluster: Awaited<ReturnType<typeof startAppInstances>> | undefined;
  const db = new pg.Client({ connectionString: database.url });
  try {
    cluster = await startAppInstances(count, (i) => ({
      DATABASE_URL: database.url,
      STORAGE: "s3",
      S3_BUCKET: bucket,
      S3_ENDPOINT: s3Endpoint,
      S3_FORCE_PATH_STYLE: "true",
      ...s3Keys,
      OPENAI_API_KEY: "sk-fake-bench",
      OPENAI_BASE_URL: proxy.urls[i] ?? "",
      OPENAI_CONCURRENCY: String(LIMIT),
      GENERATE_RETRIES: "0",
      // One client sends everything: per-client limits would measure nothing but themselves.
      RATE_GENERATE_BURST: "100000",
      RATE_GENERATE_PER_MIN: "1000000",
      RATE_REFINE_BURST: "100000",
      RATE_REFINE_PER_MIN: "1000000",
      MAX_QUEUED_PER_CLIENT: "100000",
      APP_PASSWORD: "",
      API_TOKENS: "",
    }));
    const urls = cluster.instances.map((i) => i.url);
    await db.connect();

    const made = await post(`${urls[0]}/api/prompts`, {
      idea: "cluster bench",
      prompt: "a lighthouse on a cliff above a stormy sea at sunset",
    });
    if (!("id" in made)) throw new Error(`POST /api/prompts: ${made.status} ${made.body}`);
    const body = { promptId: made.id, backend: "openai", params: { size: SIZE } };

    // Warm-up: every instance's routes, runner, store and S3 client loaded once.
    const warm = await Promise.all(urls.map((u) => post(`${u}/api/generate`, body)));
    const warmIds = warm.map((w) => {
      if (!("id" in w)) throw new Error(`warm-up POST /api/generate: ${w.status} ${w.body}`);
      return w.id;
    });
    await waitEnded(db, warmIds, 60_000);
    const warmUpPerInstance = proxy.perFront();

    proxy.reset();
    const peakRssKb = cluster.instances.map(() => 0);
    const sample = () => {
      cluster?.instances.forEach((inst, k) => {
        peakRssKb[k] = Math.max(peakRssKb[k] ?? 0, memory(processTree(inst.pid)).rss);
      });
    };
    sample();
    const sampler = setInterval(sample, 250);

    const t0 = Date.now();
    const posted = await Promise.all(
      Array.from({ length: GENERATIONS }, (_, k) => post(`${urls[k % urls.length]}/api/generate`, body)),
    );
    const ids = posted.flatMap((p) => ("id" in p ? [p.id] : []));
    const refused = posted.flatMap((p) => ("id" in p ? [] : [`POST ${p.status} ${p.body}`]));
    let ended: Map<string, Ended>;
    try {
      ended = await waitEnded(db, ids, 60_000 + 10 * GENERATIONS * DELAY_MS);
    } finally {
      clearInterval(sampler);
    }
    sample();

    const last = Math.max(...[...ended.values()].map((e) => e.finishedAt ?? 0));
    const wallMs = last - t0;
    const busy = proxy.busySlotMs();
    const backendRequests = proxy.total();
    const meanBackendMs = backendRequests ? busy / backendRequests : Number.NaN;
    const runs = [...ended.values()].flatMap((e) =>
      e.status === "succeeded" && e.startedAt !== null && e.finishedAt !== null ? [e.finishedAt - e.startedAt] : [],
    );
    const failures = [
      ...refused,
      ...[...ended.values()].filter((e) => e.status !== "succeeded").map((e) => `${e.status} ${e.error ?? ""}`),
    ];
    return {
      instances: count,
      generations: GENERATIONS,
      succeeded: [...ended.values()].filter((e) => e.status === "succeeded").length,
      failures,
      wallMs,
      perSecond: (ids.length / wallMs) * 1000,
      ceilingPerSecond: (LIMIT / meanBackendMs) * 1000,
      meanBackendMs,
      meanJobMs: runs.length ? runs.reduce((a, b) => a + b, 0) / runs.length : Number.NaN,
      busyShare: busy / (LIMIT * wallMs),
      idleMsPerGeneration: (LIMIT * wallMs - busy) / Math.max(1, ids.length),
      peakAtBackend: proxy.peak(),
      backendRequests,
      perInstance: proxy.perFront(),
      warmUpPerInstance,
      peakRssKb,
    };
  } finally {
    await db.end().catch(() => {});
    await cluster?.stop();
    proxy.close();
    await database.drop();
  }
}

export type ClusterReport = {
  limit: number;
  delayMs: number;
  rows: ClusterRow[];
  checks: Array<{ ok: boolean; what: string }>;
  /** Why nothing was measured (no Postgres), else undefined. */
  skipped?: string;
};

/** Builds when needed; the caller holds /tmp/promptsmith-e2e.lock. */
export async function clusterThroughput(): Promise<ClusterReport> {
  const skipped = await postgresProblem();
  if (skipped) return { limit: LIMIT, delayMs: DELAY_MS, rows: [], checks: [], skipped };
  ensureProductionBuild();
  const fake = await startFakeOpenAIProcess();
  // Only the images are slow: moderation and the rest answer at once, as the backend is what we measure.
  await fake.setMode({ mode: "ok", endpoint: "images", delayMs: DELAY_MS });
  // A bucket per configuration: an instance sweeps what its database does not know from its bucket.
  const s3 = await startS3Server(INSTANCE_COUNTS.map((n) => `${BUCKET}-${n}`));
  // startS3Server put s3rver's keys in this process's environment; the instances get them explicitly.
  const s3Keys = {
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? "",
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? "",
  };
  const rows: ClusterRow[] = [];
  try {
    for (const count of INSTANCE_COUNTS) rows.push(await measure(count, fake.url, s3.endpoint, s3Keys));
  } finally {
    await s3.stop();
    await fake.close();
  }
  const checks: ClusterReport["checks"] = [];
  for (const r of rows) {
    checks.push({
      ok: r.succeeded === r.generations && r.failures.length === 0,
      what: `${r.instances} instance(s): all ${r.generations} generations succeeded (${r.succeeded}${r.failures.length ? `; ${r.failures.slice(0, 3).join(" | ")}` : ""})`,
    });
    checks.push({
      ok: r.peakAtBackend <= LIMIT,
      what: `${r.instances} instance(s): never more than ${LIMIT} image requests at the backend at once (peak ${r.peakAtBackend})`,
    });
    // With the limit held, throughput cannot pass the backend's ceiling (5% for timing slack).
    checks.push({
      ok: r.perSecond <= r.ceilingPerSecond * 1.05,
      what: `${r.instances} instance(s): ${r.perSecond.toFixed(2)} gen/s within the backend's ceiling of ${r.ceilingPerSecond.toFixed(2)}`,
    });
  }
  return { limit: LIMIT, delayMs: DELAY_MS, rows, checks };
}
