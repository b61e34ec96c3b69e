/**
 * Issue 12's weight figures: each page's first-load JS (bench/first-load-js.ts) against its goal
 * and budget, and the server's RSS idle and after 22 refinements and 22 generations through the
 * contract-checked fake OpenAI server, as the issue's table measured them (the RSS of the server
 * process and its children, from /proc).
 */
import { startFakeOpenAI } from "@/tests/fakes/openai/server";
import { startApp } from "./app-server";
import { firstLoadJs } from "./first-load-js";
import { JS_BUDGETS_KB } from "./js-budgets";
import { mb, memory, processTree } from "./proc-memory";
import { reportFigure } from "./summary";

export type WeightRow = { what: string; value: string; goal: string };

const RUNS = 22;
const GOALS = { firstLoadKb: 150, idleMb: 110, afterMb: 150 };

async function waitDone(url: string, id: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const g = await (await fetch(`${url}/api/generations/${id}`)).json();
    if (g.status === "succeeded" || g.status === "failed") return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`generation ${id} did not finish`);
}

/** The server process's RSS (the largest of the tree: `next start` under scripts/start.mjs), and the tree's. */
function rss(pid: number): { serverKb: number; text: string } {
  const pids = processTree(pid);
  const serverKb = Math.max(...pids.map((p) => memory([p]).rss));
  return { serverKb, text: `${mb(serverKb)} (with scripts/start.mjs and any children: ${mb(memory(pids).rss)})` };
}

export async function weightRows(): Promise<WeightRow[]> {
  const fake = await startFakeOpenAI({ port: 0 });
  const app = await startApp(3191, {
    OPENAI_API_KEY: "sk-fake-bench",
    OPENAI_BASE_URL: fake.url,
    RATE_REFINE_BURST: "10000",
    RATE_GENERATE_BURST: "10000",
    MAX_QUEUED_PER_CLIENT: "1000",
  });
  const rows: WeightRow[] = [];
  try {
    for (const [path, budget] of Object.entries(JS_BUDGETS_KB)) {
      const m = await firstLoadJs(app.url, path);
      if (path === "/") reportFigure("firstLoadJs", m.totalBytes / 1024, "module scripts");
      rows.push({
        what: `first-load JS ${path}`,
        value: `${(m.totalBytes / 1024).toFixed(1)} kB (${(m.withNoModuleBytes / 1024).toFixed(1)} kB with noModule polyfills)`,
        goal: `≤ ${GOALS.firstLoadKb} kB; budget ${budget} kB`,
      });
    }
    await new Promise((r) => setTimeout(r, 3000));
    const idle = rss(app.pid);
    reportFigure("rssIdle", idle.serverKb / 1024, "the next start process");
    rows.push({ what: "server RSS idle", value: idle.text, goal: `≤ ${GOALS.idleMb} MB` });
    for (let i = 0; i < RUNS; i++) {
      const v = await (
        await fetch(`${app.url}/api/refine`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ idea: `a fox in the snow, number ${i}` }),
        })
      ).json();
      const g = await (
        await fetch(`${app.url}/api/generate`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ promptId: v.id, backend: "openai", params: { size: "1024x1024" } }),
        })
      ).json();
      await waitDone(app.url, g.id);
    }
    const after = rss(app.pid);
    reportFigure("rssAfterRuns", after.serverKb / 1024, `the next start process; ${RUNS} + ${RUNS} through the fake`);
    rows.push({
      what: `server RSS after ${RUNS} refinements and ${RUNS} generations`,
      value: after.text,
      goal: `≤ ${GOALS.afterMb} MB`,
    });
  } finally {
    app.stop();
    await fake.close();
  }
  return rows;
}
