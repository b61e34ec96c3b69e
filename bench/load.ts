/**
 * `npm run load`: a bounded load test on loopback. The production server (an existing build,
 * `next start`; this never builds) runs against the fake OpenAI server, made slow (each image
 * takes LOAD_DELAY_MS) and watched through a counting proxy, with a concurrency limit of 4.
 * 50 POST /api/generate are fired at once (autocannon, 50 connections); every generation is
 * followed to its end. It checks that all 50 succeed and that the fake never saw more than 4
 * image requests at a time, and prints the wall time, the POST latencies and the server's peak
 * RSS (VmHWM, summed over its process tree). Exits 1 when a check fails.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startFakeOpenAI } from "@/tests/fakes/openai/server";
import { startCountingProxy } from "./counting-proxy";
import { mb, memory, processTree } from "./proc-memory";

const GENERATIONS = Number(process.env.LOAD_GENERATIONS ?? 50);
const LIMIT = 4;
const DELAY_MS = Number(process.env.LOAD_DELAY_MS ?? 400);
const PORT = Number(process.env.LOAD_PORT ?? 3131);
const root = path.resolve(import.meta.dirname, "..");
const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-load-"));
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"],
    {
      cwd: root,
      env: { ...process.env, ...env, DATA_DIR: dataDir, LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "inherit", "inherit"],
      detached: true,
    },
  );
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (child.pid) process.kill(-child.pid, "SIGTERM");
  throw new Error("the server did not start within 2 minutes");
}

type Generation = { id: string; status: string; error: { code: string; message: string } | null };

async function main(): Promise<void> {
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    console.error(`No production build in ${distDir}: run \`npm run build\` first (this load test never builds).`);
    process.exit(1);
  }
  const fake = await startFakeOpenAI({ port: 0, delayMs: DELAY_MS });
  const proxy = await startCountingProxy(new URL(fake.url));
  const base = `http://127.0.0.1:${PORT}`;
  const server = await startServer({
    OPENAI_API_KEY: "sk-fake-load-test",
    OPENAI_BASE_URL: proxy.url,
    OPENAI_CONCURRENCY: String(LIMIT),
    GENERATE_RETRIES: "0",
    RATE_GENERATE_BURST: "10000",
    RATE_GENERATE_PER_MIN: "100000",
    RATE_REFINE_BURST: "10000",
    RATE_REFINE_PER_MIN: "100000",
    MAX_QUEUED_PER_CLIENT: "10000",
    APP_PASSWORD: "",
    API_TOKENS: "",
  });
  const pid = server.pid ?? 0;
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, memory(processTree(pid)).rss);
  }, 100);

  let failed = false;
  try {
    const made = await fetch(`${base}/api/prompts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ idea: "load test", prompt: "a lighthouse on a cliff above a stormy sea at sunset" }),
    });
    if (made.status !== 201) throw new Error(`POST /api/prompts: ${made.status} ${await made.text()}`);
    const version = (await made.json()) as { id: string };
    const before = memory(processTree(pid));

    const ids: string[] = [];
    const statuses: Record<number, number> = {};
    const t0 = performance.now();
    const result = await autocannon({
      url: base,
      connections: GENERATIONS,
      amount: GENERATIONS,
      timeout: 60,
      requests: [
        {
          method: "POST",
          path: "/api/generate",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ promptId: version.id, backend: "openai", params: { size: "1024x1024" } }),
          onResponse: (status: number, body: string) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (status === 202) ids.push((JSON.parse(body) as { id: string }).id);
          },
        },
      ],
    });
    const accepted = performance.now() - t0;

    // Follow every generation to its end.
    const ended = new Map<string, Generation>();
    const deadline = Date.now() + 300_000;
    while (ended.size < ids.length && Date.now() < deadline) {
      await Promise.all(
        ids
          .filter((id) => !ended.has(id))
          .map(async (id) => {
            const g = (await (await fetch(`${base}/api/generations/${id}`)).json()) as Generation;
            if (!["queued", "running"].includes(g.status)) ended.set(id, g);
          }),
      );
      await new Promise((r) => setTimeout(r, 200));
    }
    const wall = performance.now() - t0;
    clearInterval(sampler);
    const after = memory(processTree(pid));
    peakRss = Math.max(peakRss, after.rss);

    const succeeded = [...ended.values()].filter((g) => g.status === "succeeded").length;
    const failures = [...ended.values()].filter((g) => g.status !== "succeeded");
    const checks = [
      {
        ok: statuses[202] === GENERATIONS,
        what: `all ${GENERATIONS} POST /api/generate answered 202 (${JSON.stringify(statuses)})`,
      },
      { ok: succeeded === GENERATIONS, what: `all ${GENERATIONS} generations succeeded (${succeeded})` },
      {
        ok: proxy.peak() <= LIMIT,
        what: `never more than ${LIMIT} image requests at the fake at once (peak ${proxy.peak()})`,
      },
      { ok: proxy.total() === GENERATIONS, what: `one image request per generation (${proxy.total()})` },
    ];
    console.log(
      `\nLoad test: ${GENERATIONS} concurrent generations, OpenAI fake at ${DELAY_MS} ms per image, limit ${LIMIT}`,
    );
    console.log(
      `  POST /api/generate: all answered in ${(accepted / 1000).toFixed(2)} s; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    console.log(
      `  wall time to the last generation's end: ${(wall / 1000).toFixed(2)} s (at least ${((Math.ceil(GENERATIONS / LIMIT) * DELAY_MS) / 1000).toFixed(1)} s at this limit and delay)`,
    );
    console.log(`  peak image requests at the fake at once: ${proxy.peak()} (of ${proxy.total()})`);
    console.log(
      `  server RSS: ${mb(before.rss)} before, peak sampled ${mb(peakRss)}, peak (VmHWM, process tree) ${mb(after.hwm)}, after ${mb(after.rss)}`,
    );
    for (const c of checks) console.log(`  ${c.ok ? "✔" : "✖"} ${c.what}`);
    for (const f of failures.slice(0, 5))
      console.log(`    ${f.id}: ${f.status} ${f.error?.code ?? ""} ${f.error?.message ?? ""}`);
    failed = checks.some((c) => !c.ok);
  } finally {
    clearInterval(sampler);
    if (pid) process.kill(-pid, "SIGTERM");
    proxy.close();
    await fake.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
