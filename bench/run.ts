/**
 * `npm run bench`: medians on this machine. Speed targets live here, not in timed tests.
 * Sections: `offline` (refiner; renderer at 512², 1024²), `openai` (the app's overhead on the
 * OpenAI path against the local fake with a fixed delay: first streamed prompt text; a generation),
 * `store` (page queries on SQLite and Postgres, bench/store-pages.ts), `scale` (issue 12: the same
 * lists at 100,000 images and 20,000 ideas, each query next to its goal, bench/store-scale.ts), `cluster` (generations
 * per second with 1 and 3 instances on one Postgres and one bucket, bench/cluster-throughput.ts)
 * `weight` (issue 12: first-load JS per page and the server's RSS, bench/weight.ts) and
 * `lighthouse` (issue 12: Lighthouse mobile scores of /, /gallery and /ideas, bench/lighthouse.ts),
 * `thumbs` (issue 12: thumbnail requests a second, 200 and 304, bench/thumb-throughput.ts).
 * It ends with one table of issue 12's figures next to their goals (bench/summary.ts says how a
 * section adds its figure).
 * All by default; name some to run only those: `npm run bench -- store cluster`.
 * Run it under `flock /tmp/promptsmith-e2e.lock`: `openai` and `cluster` may build.
 */
import { createParser } from "eventsource-parser";
import { renderOfflineSketch } from "@/lib/backends/offline";
import { refineOffline } from "@/lib/refine/offline";
import { promptSoFar } from "@/lib/refine/openai-answer";
import type { OutputMode } from "@/lib/refine/system-prompt";
import { countClipTokens } from "@/lib/tokens/clip-tokens";
import { startFakeOpenAI } from "@/tests/fakes/openai/server";
import { startApp } from "./app-server";
import { type ClusterReport, clusterThroughput } from "./cluster-throughput";
import { type LighthouseReport, lighthouseReport, printLighthouse } from "./lighthouse";
import { mb } from "./proc-memory";
import { fmt, median, timeRuns } from "./stats";
import { storePageRows } from "./store-pages";
import { printScaleRows, type ScaleRow, storeScaleRows, worstP95 } from "./store-scale";
import { printSummary, reportFigure } from "./summary";
import { printThumbRows, type ThumbRow, thumbRows } from "./thumb-throughput";
import { type WeightRow, weightRows } from "./weight";

const IDEAS = [
  "a fox in the snow, cozy",
  "a lighthouse on a cliff above a stormy sea at sunset",
  "an astronaut reading in a greenhouse on mars",
  "a neon city street in the rain",
];
const FAKE_DELAY_MS = 150;
const NETWORK_RUNS = 20;

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

async function offlineSection() {
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
}

async function openaiSection() {
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
    // The backend alone is asked exactly what the app asks it (its system prompt, its strict JSON
    // schema: the request recorded from one refinement through the app), and its first prompt
    // text is read the way the app reads it (the `prompt` field of the streamed JSON), so the
    // difference is only ours. The old short request, timed to its first chunk of any content
    // (`{"p`), is kept as a row for comparison with earlier figures.
    await firstDelta(
      `${app.url}/api/refine`,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ idea: IDEAS[0] }) },
      (e) => e === "delta",
    );
    const asked = fake.requests().findLast((r) => r.endpoint === "chat")?.body as { response_format?: unknown };
    const mode = (asked?.response_format as { type?: OutputMode } | undefined)?.type ?? "text";
    let content = "";
    const firstPromptText = (_e: string, data: string) => {
      if (data === "[DONE]") return false;
      content += JSON.parse(data).choices?.[0]?.delta?.content ?? "";
      return (promptSoFar(mode, content) ?? "").length > 0;
    };
    const chat = (body: unknown): RequestInit => ({
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer sk-bench" },
      body: JSON.stringify(body),
    });
    const direct = [];
    const directShort = [];
    const through = [];
    const throughFresh = [];
    for (let r = 0; r < NETWORK_RUNS; r++) {
      content = "";
      direct.push(await firstDelta(`${fake.url}/chat/completions`, chat(asked), firstPromptText));
      directShort.push(
        await firstDelta(
          `${fake.url}/chat/completions`,
          chat({
            model: "gpt-5.4-mini",
            stream: true,
            response_format: { type: "json_object" },
            messages: [{ role: "user", content: IDEAS[0] }],
          }),
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
      // A new idea each time: the moderation service is asked (a repeated idea's verdict is cached).
      throughFresh.push(
        await firstDelta(
          `${app.url}/api/refine`,
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ idea: `${IDEAS[2]}, take ${r + 1}` }),
          },
          (e) => e === "delta",
        ),
      );
    }
    const d = median(direct);
    const t = median(through);
    const tf = median(throughFresh);
    const ds = median(directShort);
    reportFigure("firstTextOverhead", t - d, `median of ${NETWORK_RUNS}; fake delay ${FAKE_DELAY_MS} ms`);
    rows.push({
      what: "first prompt text: fake directly",
      median: fmt(d),
      runs: NETWORK_RUNS,
      note: `fake delay ${FAKE_DELAY_MS} ms; the app's own request, to its first prompt text`,
    });
    rows.push({
      what: "first prompt text: through the app",
      median: fmt(t),
      runs: NETWORK_RUNS,
      note: `overhead ${fmt(t - d)} ms (×${(t / d).toFixed(2)}); first delta event; the same idea each time`,
    });
    rows.push({
      what: "first prompt text: app, new ideas",
      median: fmt(tf),
      runs: NETWORK_RUNS,
      note: `overhead ${fmt(tf - d)} ms; a new idea each time, so the moderation service is asked (fake delay ${FAKE_DELAY_MS} ms)`,
    });
    rows.push({
      what: "first text: fake, short request",
      median: fmt(ds),
      runs: NETWORK_RUNS,
      note: `the earlier baseline: a one-line request, to its first chunk of any content; app minus this ${fmt(t - ds)} ms`,
    });

    const version = await (
      await fetch(`${app.url}/api/refine`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ idea: IDEAS[1] }),
      })
    ).json();
    // With live previews on (the default) the app streams this request with two partial images
    // (lib/backends/openai-backend.ts): the backend alone is asked the same, so the difference stays ours.
    const streamed = process.env.PREVIEWS !== "off";
    const askFake = async (stream: boolean) => {
      const r = await fetch(`${fake.url}/images/generations`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer sk-bench" },
        body: JSON.stringify({
          model: "gpt-image-1.5",
          prompt: version.prompt,
          size: "1024x1024",
          n: 1,
          output_format: "png",
          ...(stream ? { stream: true, partial_images: 2 } : {}),
        }),
      });
      if (!stream) return void (await r.json());
      // A streamed answer is read as any client of it must read it: to its end, each event parsed
      // (as `r.json()` parses the answer above). The parsing costs ~1 ms of the ~200.
      const parser = createParser({ onEvent: (e) => JSON.parse(e.data) });
      const decoder = new TextDecoder();
      const reader = r.body?.getReader();
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        parser.feed(decoder.decode(chunk.value, { stream: true }));
      }
    };
    const generateThrough = async () => {
      const g = await (
        await fetch(`${app.url}/api/generate`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ promptId: version.id, backend: "openai", params: { size: "1024x1024" } }),
        })
      ).json();
      await firstDelta(`${app.url}/api/generations/${g.id}/events`, {}, (e) => e === "done" || e === "error");
    };
    // The series take turns, run by run: on a shared machine the load drifts over a minute, and one
    // series timed after the other would carry the drift into the difference.
    const genDirect: number[] = [];
    const genThrough: number[] = [];
    const genDirectPlain: number[] = [];
    const timed = async (fn: () => Promise<void>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    for (let r = -1; r < NETWORK_RUNS; r++) {
      const d = await timed(() => askFake(streamed));
      const t = await timed(generateThrough);
      // With previews on, the same image asked for without a stream too, for comparison.
      const p = streamed ? await timed(() => askFake(false)) : d;
      if (r < 0) continue; // warm-up
      genDirect.push(d);
      genThrough.push(t);
      genDirectPlain.push(p);
    }
    const gd = median(genDirect);
    const gt = median(genThrough);
    reportFigure("imageOverhead", gt - gd, `median of ${NETWORK_RUNS}; 1024², image and row stored`);
    rows.push({
      what: "generate 1024²: fake directly",
      median: fmt(gd),
      runs: NETWORK_RUNS,
      note: streamed
        ? "streamed with 2 partial images, as the app asks (PREVIEWS=on); read to its end, each event parsed"
        : "answer with b64 PNG parsed (PREVIEWS=off: not streamed)",
    });
    if (streamed)
      rows.push({
        what: "generate 1024²: fake, not streamed",
        median: fmt(median(genDirectPlain)),
        runs: NETWORK_RUNS,
        note: `the same image without a stream (what PREVIEWS=off asks); app minus this ${fmt(gt - median(genDirectPlain))} ms`,
      });
    rows.push({
      what: "generate 1024²: through the app",
      median: fmt(gt),
      runs: NETWORK_RUNS,
      note: `overhead ${fmt(gt - gd)} ms (×${(gt / gd).toFixed(2)}); 202 → done event, image and row stored (the thumbnail follows)`,
    });
  } finally {
    app.stop();
    await fake.close();
  }
}

async function storeSection() {
  // The store's page queries on SQLite and on Postgres (bench/store-pages.ts).
  for (const r of await storePageRows()) {
    rows.push({
      what: `store ${r.what}`,
      median: r.median,
      runs: r.runs,
      note: [`p95 ${r.p95} ms`, r.note].filter(Boolean).join("; "),
    });
  }
}

let scale: ScaleRow[] = [];
async function scaleSection() {
  // Issue 12: 100,000 images and 20,000 ideas, seeded by npm run seed's code (bench/store-scale.ts).
  scale = await storeScaleRows();
  for (const w of worstP95(scale)) {
    const detail = `${w.dialect}, 20k ideas; worst of its ${w.kind === "page" ? "page queries" : "searches"}: ${w.what.replace(/^[^:]*: /, "")}`;
    reportFigure(w.kind === "page" ? "paginationP95" : "searchP95", w.p95Ms, detail);
  }
}

let thumbs: ThumbRow[] = [];
async function thumbsSection() {
  // Issue 12: thumbnails at their content-addressed URLs, 200 and 304 (bench/thumb-throughput.ts).
  thumbs = await thumbRows();
  for (const r of thumbs) reportFigure("thumbnailsPerSecond", r.perSecond, r.what);
}

let weight: WeightRow[] = [];
async function weightSection() {
  weight = await weightRows();
}

let lighthouse: LighthouseReport | undefined;
async function lighthouseSection() {
  lighthouse = await lighthouseReport();
}

let cluster: ClusterReport | undefined;
async function clusterSection() {
  cluster = await clusterThroughput();
}

function printCluster(report: ClusterReport): boolean {
  if (report.skipped) {
    console.log(`\nGenerations per second: skipped: ${report.skipped}`);
    return true;
  }
  console.log(
    `\nGenerations per second: the instances on one Postgres database and one S3 bucket (s3rver), the fake OpenAI backend at ${report.delayMs} ms per image, limit ${report.limit} at once cluster-wide; ${report.rows[0]?.generations ?? 0} generations at once, round-robin over the instances`,
  );
  const table: string[][] = [
    [
      "instances",
      "gen/s",
      "backend ceiling gen/s",
      "backend ms/image",
      "job ms/image",
      "backend busy",
      "idle slot ms/gen",
      "peak at backend",
      "image requests per instance",
      "peak RSS per instance",
    ],
    ...report.rows.map((r) => [
      String(r.instances),
      r.perSecond.toFixed(2),
      r.ceilingPerSecond.toFixed(2),
      r.meanBackendMs.toFixed(0),
      r.meanJobMs.toFixed(0),
      `${(r.busyShare * 100).toFixed(0)}%`,
      r.idleMsPerGeneration.toFixed(0),
      String(r.peakAtBackend),
      `${r.perInstance.join(" / ")} (warm-up ${r.warmUpPerInstance.join(" / ")})`,
      r.peakRssKb.map(mb).join(" / "),
    ]),
  ];
  const widths = table[0]?.map((_, c) => Math.max(...table.map((line) => line[c]?.length ?? 0))) ?? [];
  table.forEach((line, k) => {
    console.log(
      `| ${line.map((cell, c) => (c === 0 || k === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join(" | ")} |`,
    );
    if (k === 0) console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  });
  const [one, more] = [report.rows.find((r) => r.instances === 1), report.rows.find((r) => r.instances > 1)];
  if (one && more)
    console.log(
      `  ${more.instances} instances / 1 instance: ×${(more.perSecond / one.perSecond).toFixed(2)} (wall ${(one.wallMs / 1000).toFixed(2)} s → ${(more.wallMs / 1000).toFixed(2)} s)`,
    );
  for (const c of report.checks) console.log(`  ${c.ok ? "✔" : "✖"} ${c.what}`);
  return report.checks.every((c) => c.ok);
}

const SECTIONS: Record<string, () => Promise<void>> = {
  offline: offlineSection,
  openai: openaiSection,
  store: storeSection,
  scale: scaleSection,
  cluster: clusterSection,
  weight: weightSection,
  thumbs: thumbsSection,
  lighthouse: lighthouseSection,
};

async function main(): Promise<boolean> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !Object.hasOwn(SECTIONS, a));
  if (unknown.length)
    throw new Error(`unknown bench section(s) ${unknown.join(", ")}; known: ${Object.keys(SECTIONS).join(", ")}`);
  for (const [name, run] of Object.entries(SECTIONS)) if (!asked.length || asked.includes(name)) await run();

  if (rows.length) {
    const w = Math.max(...rows.map((r) => r.what.length));
    console.log(`\n| ${"what".padEnd(w)} | median ms | runs | note`);
    console.log(`|${"-".repeat(w + 2)}|-----------|------|-----`);
    for (const r of rows)
      console.log(`| ${r.what.padEnd(w)} | ${r.median.padStart(9)} | ${String(r.runs).padStart(4)} | ${r.note}`);
  }
  if (scale.length) printScaleRows(scale);
  if (thumbs.length) printThumbRows(thumbs);
  if (weight.length) {
    const w = Math.max(...weight.map((r) => r.what.length));
    const v = Math.max(...weight.map((r) => r.value.length));
    console.log(`\n| ${"weight".padEnd(w)} | ${"measured".padEnd(v)} | goal`);
    console.log(`|${"-".repeat(w + 2)}|${"-".repeat(v + 2)}|-----`);
    for (const r of weight) console.log(`| ${r.what.padEnd(w)} | ${r.value.padEnd(v)} | ${r.goal}`);
  }
  if (lighthouse) printLighthouse(lighthouse);
  const ok = cluster ? printCluster(cluster) : true;
  printSummary();
  return ok;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
