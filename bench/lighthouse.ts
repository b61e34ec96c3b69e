/**
 * Issue 12's Lighthouse figures: mobile (Lighthouse's default config: a Moto G-sized screen,
 * simulated slow-4G and 4× CPU throttling) with Debian's Chromium, against the production app on
 * a data folder with one image in it, for `/`, `/gallery` and `/ideas`. Offline: Chromium gets the
 * project's flags (no background traffic) and a proxy that answers nothing, so any request that is
 * not to the app on loopback fails instead of reaching the internet.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Result } from "lighthouse";
import { CHROMIUM_ARGS } from "../scripts/chromium-args.mjs";
import { startApp } from "./app-server";
import { root } from "./production-build";
import { reportFigure } from "./summary";

export const LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type LighthouseCategory = (typeof LIGHTHOUSE_CATEGORIES)[number];
export const LIGHTHOUSE_GOALS: Record<LighthouseCategory, number> = {
  performance: 99,
  accessibility: 100,
  "best-practices": 100,
  seo: 100,
};

export type FailingAudit = { id: string; title: string; score: number; displayValue?: string; items: string[] };
export type LighthouseRow = {
  path: string;
  scores: Record<LighthouseCategory, number>;
  /** The audits of each category under its goal that cost it points. */
  failing: Partial<Record<LighthouseCategory, FailingAudit[]>>;
  /** The benchmark index (how fast this machine was during the run), the LCP element, the busiest scripts, warnings. */
  notes: string[];
};
export type LighthouseReport = { rows: LighthouseRow[]; reportDir: string; loadAverage: number };

const PATHS = ["/", "/gallery", "/ideas"];
const RUNS = 3;
const PORT = 3192;
// Lighthouse's CLI in a plain node process: under tsx (the bench's runner) the functions Lighthouse
// sends into the page carry esbuild's `__name` helper, and fail there ("__name is not defined").
const LIGHTHOUSE_CLI = path.join(root, "node_modules", "lighthouse", "cli", "index.js");

/** Lighthouse's default config (mobile) on one page, in the Chromium at `port`; the JSON report is written to `out`. */
async function runLighthouse(url: string, port: number, out: string): Promise<Result> {
  // Now and then a trace misses its navigation start (NO_NAVSTART) on a busy machine: run it again.
  for (let attempt = 1; ; attempt++) {
    try {
      await promisify(execFile)(
        process.execPath,
        [
          LIGHTHOUSE_CLI,
          url,
          `--port=${port}`,
          `--only-categories=${LIGHTHOUSE_CATEGORIES.join(",")}`,
          "--output=json",
          `--output-path=${out}`,
          "--quiet",
        ],
        { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      );
      const lhr = JSON.parse(readFileSync(out, "utf8")) as Result;
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
      return lhr;
    } catch (e) {
      if (attempt >= 3) throw e;
      console.error(`bench lighthouse: ${url}, attempt ${attempt} failed (${String(e).split("\n")[1] ?? e}); again`);
    }
  }
}

/** Headless Chromium with a DevTools port for Lighthouse; stopping it stops its whole process group. */
async function launchChromium(): Promise<{ port: number; stop(): Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), "promptsmith-lighthouse-profile-"));
  const child: ChildProcess = spawn(
    process.env.CHROME_PATH ?? "/usr/bin/chromium",
    [
      ...CHROMIUM_ARGS,
      "--headless=new",
      "--remote-debugging-port=0",
      `--user-data-dir=${profile}`,
      // Loopback bypasses a proxy; everything else goes to a port where nothing listens.
      "--proxy-server=http://127.0.0.1:9",
      "--disable-features=Translate,OptimizationHints,MediaRouter",
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe"], detached: true },
  );
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  // The profile goes once Chromium has exited: it writes into it until then.
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let err = "";
      const timer = setTimeout(() => reject(new Error(`Chromium gave no DevTools port in 30 s:\n${err}`)), 30_000);
      child.once("exit", (code) => reject(new Error(`Chromium exited with ${code}:\n${err}`)));
      child.stderr?.on("data", (chunk: Buffer) => {
        err += chunk.toString();
        const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    return { port, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** One offline image, so the gallery, the ideas list and the Studio's history have something in them. */
async function seed(url: string): Promise<void> {
  const version = await (
    await fetch(`${url}/api/refine`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ idea: "a lighthouse on a cliff above a stormy sea at sunset" }),
    })
  ).json();
  const g = await (
    await fetch(`${url}/api/generate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ promptId: version.id, backend: "offline", params: { size: "512x512" } }),
    })
  ).json();
  for (let i = 0; i < 200; i++) {
    const current = await (await fetch(`${url}/api/generations/${g.id}`)).json();
    if (current.status === "succeeded") return;
    if (current.status === "failed") throw new Error(`the seed generation failed: ${JSON.stringify(current)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the seed generation did not finish");
}

/** Where an audit points: the elements' selectors or the resources' URLs, the first few. */
function itemsOf(audit: Result["audits"][string]): string[] {
  const details = audit.details as { type?: string; items?: Record<string, unknown>[] } | undefined;
  if (!details || !["table", "opportunity"].includes(details.type ?? "")) return [];
  return (details.items ?? [])
    .slice(0, 4)
    .map((item) => {
      const node = item.node as { selector?: string; snippet?: string } | undefined;
      const what = node?.selector ?? node?.snippet ?? item.url;
      return typeof what === "string" ? what : "";
    })
    .filter(Boolean);
}

function rowOf(pagePath: string, lhr: Result): LighthouseRow {
  const scores = {} as Record<LighthouseCategory, number>;
  const failing: LighthouseRow["failing"] = {};
  for (const id of LIGHTHOUSE_CATEGORIES) {
    const category = lhr.categories[id];
    if (!category || category.score === null) throw new Error(`${pagePath}: Lighthouse gave no ${id} score`);
    scores[id] = Math.round(category.score * 100);
    if (scores[id] >= LIGHTHOUSE_GOALS[id]) continue;
    // The audits that cost points: weighted ones under 1 (for performance, its metrics).
    failing[id] = category.auditRefs.flatMap((ref) => {
      const audit = lhr.audits[ref.id];
      if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) return [];
      return [
        {
          id: audit.id,
          title: audit.title,
          score: audit.score,
          displayValue: audit.displayValue,
          items: itemsOf(audit),
        },
      ];
    });
  }
  // What the performance metrics hinge on: the LCP element, and the scripts that keep the main thread busy.
  const lcp = lhr.audits["largest-contentful-paint-element"];
  const lcpNode = (lcp?.details as { items?: { items?: { node?: { selector?: string } }[] }[] } | undefined)?.items?.[0]
    ?.items?.[0]?.node?.selector;
  const bootup = lhr.audits["bootup-time"];
  const scripts = ((bootup?.details as { items?: { url: string; total: number }[] } | undefined)?.items ?? [])
    .slice(0, 3)
    .map((i) => `${i.url.replace(/^https?:\/\/[^/]+/, "")} ${i.total.toFixed(0)} ms`);
  return {
    path: pagePath,
    scores,
    failing,
    notes: [
      `benchmark index ${lhr.environment.benchmarkIndex.toFixed(0)}`,
      ...(lcpNode ? [`LCP element ${lcpNode}`] : []),
      ...(scripts.length ? [`main-thread CPU by script: ${scripts.join(", ")}`] : []),
      ...lhr.runWarnings.map(String),
    ],
  };
}

/** The run whose performance score is the median of the page's runs (Lighthouse's advice for a noisy metric). */
function medianRun(runs: LighthouseRow[]): LighthouseRow {
  const sorted = [...runs].sort((a, b) => a.scores.performance - b.scores.performance);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (!median) throw new Error("no Lighthouse runs");
  return {
    ...median,
    notes: [
      `performance over ${runs.length} runs: ${runs.map((r) => r.scores.performance).join(", ")}`,
      ...median.notes,
    ],
  };
}

export async function lighthouseReport(): Promise<LighthouseReport> {
  const app = await startApp(PORT, {});
  const reportDir = mkdtempSync(path.join(tmpdir(), "promptsmith-lighthouse-"));
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    await seed(app.url);
    // Each page once first, so Lighthouse measures a warm server, as a visitor after the first would find it.
    for (const p of PATHS) await (await fetch(`${app.url}${p}`)).text();
    chromium = await launchChromium();
    const loadAverage = loadavg()[0] ?? 0;
    const rows: LighthouseRow[] = [];
    for (const p of PATHS) {
      const name = p === "/" ? "home" : p.slice(1).replaceAll("/", "-");
      const runs: LighthouseRow[] = [];
      for (let i = 1; i <= RUNS; i++) {
        const out = path.join(reportDir, `${name}-${i}.json`);
        runs.push(rowOf(p, await runLighthouse(`${app.url}${p}`, chromium.port, out)));
      }
      const row = medianRun(runs);
      rows.push(row);
      if (p === "/") {
        reportFigure("lighthousePerformance", row.scores.performance);
        reportFigure("lighthouseAccessibility", row.scores.accessibility);
        reportFigure("lighthouseBestPractices", row.scores["best-practices"]);
      }
    }
    return { rows, reportDir, loadAverage };
  } finally {
    app.stop();
    await chromium?.stop();
  }
}

export function printLighthouse(report: LighthouseReport): void {
  const cats = LIGHTHOUSE_CATEGORIES;
  console.log(
    `\nLighthouse (mobile, simulated throttling, Debian's Chromium, offline), the median of ${RUNS} runs a page; load average ${report.loadAverage.toFixed(1)} as it began (a busy machine lowers performance); JSON reports in ${report.reportDir}`,
  );
  const w = Math.max(4, ...report.rows.map((r) => r.path.length));
  console.log(`| ${"page".padEnd(w)} | ${cats.map((c) => `${c} (goal ${LIGHTHOUSE_GOALS[c]})`).join(" | ")} |`);
  console.log(
    `|${"-".repeat(w + 2)}|${cats.map((c) => "-".repeat(`${c} (goal ${LIGHTHOUSE_GOALS[c]})`.length + 2)).join("|")}|`,
  );
  for (const r of report.rows) {
    const cells = cats.map((c) => {
      const s = `${r.scores[c]} ${r.scores[c] >= LIGHTHOUSE_GOALS[c] ? "✔" : "✖"}`;
      return s.padStart(`${c} (goal ${LIGHTHOUSE_GOALS[c]})`.length);
    });
    console.log(`| ${r.path.padEnd(w)} | ${cells.join(" | ")} |`);
  }
  for (const r of report.rows) {
    for (const [cat, audits] of Object.entries(r.failing)) {
      for (const a of audits ?? []) {
        console.log(
          `  ${r.path} ${cat}: ${a.id} (${a.score.toFixed(2)}${a.displayValue ? `, ${a.displayValue}` : ""}) ${a.title}`,
        );
        for (const item of a.items) console.log(`      ${item}`);
      }
    }
    for (const note of r.notes) console.log(`  ${r.path}: ${note}`);
  }
}
