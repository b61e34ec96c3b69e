/**
 * `npm run bench`: medians on this machine. Speed targets live here, not in timed tests.
 * Rows: offline refiner, offline renderer (512², 1024²), and the app's overhead on the OpenAI
 * path against the local fake with a fixed delay (first streamed prompt text; a generation).
 */
import { createParser } from "eventsource-parser";
import { renderOfflineSketch } from "@/lib/backends/offline";
import { refineOffline } from "@/lib/refine/offline";
import { countClipTokens } from "@/lib/tokens/clip-tokens";
import { startFakeOpenAI } from "@/tests/fakes/openai/server";
import { startApp } from "./app-server";
import { fmt, median, timeRuns } from "./stats";
import { storePageRows } from "./store-pages";

const IDEAS = [
  "a fox in the snow, cozy",
  "a lighthouse on a cliff above a stormy sea at sunset",
  "an astronaut reading in a greenhouse on mars",
  "a neon city street in the rain",
];
const FAKE_DELAY_MS = 150;
const NETWORK_RUNS = 15;

type Row = { what: string; median: string; runs: number; note: string };
const rows: Row[] = [];

async function firstDelta(
  url: string,
  init: RequestInit,
  isFirst: (event: string, data: string) => boolean,
): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  if (!res.ok || !res.body) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let at = -1;
  const parser = createParser({
    onEvent(e) {
      if (at < 0 && isFirst(e.event ?? "message", e.data)) at = performance.now() - t0;
    },
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(value);
    if (at >= 0) {
      await reader.cancel();
      break;
    }
  }
  return at;
}

async function main() {
  // Pure CPU: the embedded refiner.
  let i = 0;
  const refineTimes = await timeRuns(
    300,
    () => refineOffline({ idea: IDEAS[i++ % IDEAS.length] ?? "", dialect: "prose" }),
    20,
  );
  rows.push({
    what: "offline refiner (prose)",
    median: fmt(median(refineTimes)),
    runs: refineTimes.length,
    note: "4 ideas in turn",
  });
  const tagTimes = await timeRuns(
    300,
    () =>
      refineOffline({
        idea: IDEAS[i++ % IDEAS.length] ?? "",
        dialect: "tags",
        budget: { maxTokens: 75, countTokens: countClipTokens },
      }),
    20,
  );
  rows.push({
    what: "offline refiner (tags, 75 CLIP tokens)",
    median: fmt(median(tagTimes)),
    runs: tagTimes.length,
    note: "budget checked with the real CLIP BPE counter",
  });

  // The embedded renderer.
  for (const size of [512, 1024]) {
    let seed = 1;
    const times = await timeRuns(
      20,
      () => renderOfflineSketch({ prompt: IDEAS[1] ?? "", width: size, height: size, seed: seed++ }),
      3,
    );
    rows.push({
      what: `offline renderer ${size}×${size}`,
      median: fmt(median(times)),
      runs: times.length,
      note: "PNG bytes out",
    });
  }

  // The OpenAI path: the fake waits FAKE_DELAY_MS before answering; the difference is ours.
  const fake = await startFakeOpenAI({ port: 0, delayMs: FAKE_DELAY_MS });
  // One client sends every request here: lift the per-client limits so they measure nothing.
  const app = await startApp(3190, {
    OPENAI_API_KEY: "sk-fake-bench",
    OPENAI_BASE_URL: fake.url,
    RATE_REFINE_BURST: "10000",
    RATE_GENERATE_BURST: "10000",
    MAX_QUEUED_PER_CLIENT: "1000",
  });
  try {
    const direct = [];
    const through = [];
    for (let r = 0; r < NETWORK_RUNS; r++) {
      direct.push(
        await firstDelta(
          `${fake.url}/chat/completions`,
          {
            method: "POST",
            headers: { "content-type": "application/json", authorization: "Bearer sk-bench" },
            body: JSON.stringify({
              model: "gpt-5.4-mini",
              stream: true,
              response_format: { type: "json_object" },
              messages: [{ role: "user", content: IDEAS[0] }],
            }),
          },
          (_e, data) => data !== "[DONE]" && (JSON.parse(data).choices?.[0]?.delta?.content ?? "").length > 0,
        ),
      );
      through.push(
        await firstDelta(
          `${app.url}/api/refine`,
          { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ idea: IDEAS[0] }) },
          (e) => e === "delta",
        ),
      );
    }
    const d = median(direct);
    const t = median(through);
    rows.push({
      what: "first prompt text: fake directly",
      median: fmt(d),
      runs: NETWORK_RUNS,
      note: `fake delay ${FAKE_DELAY_MS} ms; first content chunk`,
    });
    rows.push({
      what: "first prompt text: through the app",
      median: fmt(t),
      runs: NETWORK_RUNS,
      note: `overhead ${fmt(t - d)} ms (×${(t / d).toFixed(2)}); first delta event`,
    });

    const version = await (
      await fetch(`${app.url}/api/refine`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ idea: IDEAS[1] }),
      })
    ).json();
    const genDirect = await timeRuns(
      NETWORK_RUNS,
      async () => {
        const r = await fetch(`${fake.url}/images/generations`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: "Bearer sk-bench" },
          body: JSON.stringify({
            model: "gpt-image-1.5",
            prompt: version.prompt,
            size: "1024x1024",
            n: 1,
            output_format: "png",
          }),
        });
        await r.json();
      },
      1,
    );
    const genThrough = await timeRuns(
      NETWORK_RUNS,
      async () => {
        const g = await (
          await fetch(`${app.url}/api/generate`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ promptId: version.id, backend: "openai", params: { size: "1024x1024" } }),
          })
        ).json();
        await firstDelta(`${app.url}/api/generations/${g.id}/events`, {}, (e) => e === "done" || e === "error");
      },
      1,
    );
    const gd = median(genDirect);
    const gt = median(genThrough);
    rows.push({
      what: "generate 1024²: fake directly",
      median: fmt(gd),
      runs: NETWORK_RUNS,
      note: "answer with b64 PNG parsed",
    });
    rows.push({
      what: "generate 1024²: through the app",
      median: fmt(gt),
      runs: NETWORK_RUNS,
      note: `overhead ${fmt(gt - gd)} ms (×${(gt / gd).toFixed(2)}); 202 → done event, image + thumbnail stored`,
    });
  } finally {
    app.stop();
    await fake.close();
  }

  // The store's page queries on SQLite and on Postgres (bench/store-pages.ts).
  for (const r of await storePageRows()) {
    rows.push({
      what: `store ${r.what}`,
      median: r.median,
      runs: r.runs,
      note: [`p95 ${r.p95} ms`, r.note].filter(Boolean).join("; "),
    });
  }

  const w = Math.max(...rows.map((r) => r.what.length));
  console.log(`\n| ${"what".padEnd(w)} | median ms | runs | note`);
  console.log(`|${"-".repeat(w + 2)}|-----------|------|-----`);
  for (const r of rows)
    console.log(`| ${r.what.padEnd(w)} | ${r.median.padStart(9)} | ${String(r.runs).padStart(4)} | ${r.note}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
