/**
 * Issue 9, item 8: the container's way of starting, against the real build. A standalone build
 * (`BUILD_STANDALONE=1 next build`, as the Dockerfile and `npm test` make it) is laid out the way
 * the Dockerfile's runtime stage lays it out (its COPY lines, replayed into a temp directory,
 * with its ENV) and started with its CMD, `node server.js`, with no node_modules of the checkout
 * beside it. Then: /api/health and /api/ready answer 200, the image's HEALTHCHECK command passes,
 * a refinement and an offline generation go end to end (better-sqlite3 and sharp came along),
 * the page's static files and public/ are served, Postgres works through DATABASE_URL (pg came
 * along), and a bad variable still stops the start with exit code 1 (instrumentation.ts runs).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { PORTS } from "../../playwright.config";
import { SERVER_NODE_FLAGS } from "../../scripts/server-memory.mjs";

const ROOT = path.resolve(__dirname, "../..");
const DIST = process.env.NEXT_DIST_DIR || ".next";
const SERVER_JS = path.join(ROOT, DIST, "standalone", "server.js");
const POSTGRES_ADMIN = process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const SECRET = "standalone-S3cret-never-printed-5512";

type RuntimeStage = {
  copies: Array<{ src: string; dest: string }>;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
};

/** The Dockerfile's last stage: what it copies from the build stage, its ENV, CMD and HEALTHCHECK. */
function runtimeStage(): RuntimeStage {
  const text = readFileSync(path.join(ROOT, "Dockerfile"), "utf8").replace(/\\\n/g, " ");
  const lines = text.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"));
  const last = lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
  const stage: RuntimeStage = { copies: [], env: {}, cmd: [], healthcheck: [] };
  for (const line of lines.slice(last + 1)) {
    const [instruction = "", ...rest] = line.trim().split(/\s+/);
    const args = rest.join(" ");
    if (/^COPY$/i.test(instruction) && /--from=build\b/.test(args)) {
      const paths = args.split(/\s+/).filter((a) => !a.startsWith("--"));
      stage.copies.push({ src: paths[0] ?? "", dest: paths[1] ?? "" });
    } else if (/^ENV$/i.test(instruction)) {
      for (const m of args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) stage.env[m[1] as string] = m[2] as string;
    } else if (/^CMD$/i.test(instruction)) {
      stage.cmd = JSON.parse(args) as string[];
    } else if (/^HEALTHCHECK$/i.test(instruction)) {
      stage.healthcheck = JSON.parse(args.slice(args.indexOf("CMD") + 3).trim()) as string[];
    }
  }
  return stage;
}

/** The build's files as the image has them under /app: `.next` is this build's dist dir. */
function layOut(stage: RuntimeStage): string {
  const app = mkdtempSync(path.join(tmpdir(), "promptsmith-standalone-"));
  const local = (p: string) =>
    p
      .replace(/^\/app\//, "")
      .replace(/^\.\/+/, "")
      .replace(/^\.next(?=\/|$)/, DIST);
  for (const { src, dest } of stage.copies) {
    const to = path.join(app, local(dest));
    mkdirSync(to, { recursive: true });
    cpSync(path.join(ROOT, local(src)), to, { recursive: true, verbatimSymlinks: true });
  }
  return app;
}

const children: ChildProcess[] = [];

function start(app: string, stage: RuntimeStage, port: number, vars: Record<string, string>) {
  const [cmd, ...args] = stage.cmd;
  const child = spawn(cmd === "node" ? process.execPath : (cmd as string), args, {
    cwd: app,
    env: {
      PATH: process.env.PATH,
      ...stage.env,
      // Loopback here: the image's 0.0.0.0 is for the container's own interface, not this machine's.
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "promptsmith-standalone-data-")),
      ...vars,
    } as Record<string, string | undefined> as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function waitHealthy(port: number, output: () => string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no standalone server on ${port} after ${ms} ms:\n${output()}`);
}

function stop(child: ChildProcess): void {
  if (child.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

test.afterAll(() => {
  for (const c of children) stop(c);
});

test.beforeAll(() => {
  // Under CI the standalone build must be there (`npm test` makes it); elsewhere, say how to make it.
  if (!process.env.CI) {
    test.skip(
      !existsSync(SERVER_JS),
      `no standalone build at ${path.relative(ROOT, SERVER_JS)}: build with BUILD_STANDALONE=1 npx next build`,
    );
  }
  expect(existsSync(SERVER_JS), `${SERVER_JS} (build with BUILD_STANDALONE=1)`).toBe(true);
});

test("node server.js, laid out as the Dockerfile does, serves health, readiness and a generation", async ({
  request,
}) => {
  test.setTimeout(120_000);
  const stage = runtimeStage();
  expect(stage.cmd).toEqual(["node", ...SERVER_NODE_FLAGS, "server.js"]);
  const app = layOut(stage);
  // Only what the image has: no checkout, no node_modules of ours next to it.
  expect(existsSync(path.join(app, "server.js"))).toBe(true);
  expect(existsSync(path.join(app, "app"))).toBe(false);
  const port = PORTS.startup;
  const server = start(app, stage, port, {});
  await waitHealthy(port, server.output);
  const base = `http://127.0.0.1:${port}`;

  expect((await request.get(`${base}/api/health`)).status()).toBe(200);
  const ready = await request.get(`${base}/api/ready`);
  expect(ready.status(), server.output()).toBe(200);
  expect(await ready.json()).toEqual({ ok: true, database: "ok", storage: "ok" });

  // The image's HEALTHCHECK, as Docker runs it inside the container (PORT from the image's ENV).
  const [hcCmd, ...hcArgs] = stage.healthcheck;
  expect(hcCmd).toBe("node");
  const check = spawnSync(process.execPath, hcArgs, {
    env: { PORT: String(port) } as Record<string, string | undefined> as NodeJS.ProcessEnv,
    timeout: 10_000,
  });
  expect(check.status, String(check.stderr)).toBe(0);

  // Native modules traced into the standalone folder: SQLite rows, sharp's PNG and thumbnail.
  const version = await request.post(`${base}/api/refine`, {
    headers: { accept: "application/json" },
    data: { idea: "a lighthouse at dusk, standalone" },
  });
  expect(version.status(), await version.text()).toBe(201);
  const { id: promptId } = (await version.json()) as { id: string };
  const queued = await request.post(`${base}/api/generate`, {
    data: { promptId, backend: "offline", params: { size: "512x512" } },
  });
  expect(queued.status(), await queued.text()).toBe(202);
  const { id: generationId } = (await queued.json()) as { id: string };
  let generation: { status: string; images?: Array<{ id: string }> } = { status: "queued" };
  await expect
    .poll(
      async () => {
        generation = (await (await request.get(`${base}/api/generations/${generationId}`)).json()) as typeof generation;
        return generation.status;
      },
      { timeout: 60_000 },
    )
    .toBe("succeeded");
  const imageId = generation.images?.[0]?.id;
  const file = await request.get(`${base}/api/images/${imageId}/file`);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("image/png");
  const thumb = await request.get(`${base}/api/images/${imageId}/thumb`);
  expect(thumb.status()).toBe(200);
  expect(thumb.headers()["content-type"]).toBe("image/webp");

  // The page and its static files (.next/static), and public/ (the style samples).
  const page = await request.get(`${base}/`);
  expect(page.status()).toBe(200);
  const asset = /\/_next\/static\/[^"']+\.(?:js|css)/.exec(await page.text())?.[0];
  expect(asset).toBeTruthy();
  expect((await request.get(`${base}${asset}`)).status()).toBe(200);

  stop(server.child);
  await new Promise((r) => setTimeout(r, 300));
  expect(
    spawnSync(process.execPath, hcArgs, {
      env: { PORT: String(port) } as Record<string, string | undefined> as NodeJS.ProcessEnv,
      timeout: 10_000,
    }).status,
  ).toBe(1);
  rmSync(app, { recursive: true, force: true });
});

test("node server.js on Postgres: DATABASE_URL works and /api/ready says so", async ({ request }) => {
  test.setTimeout(120_000);
  const database = `promptsmith_test_${Date.now()}_${process.pid}_standalone`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN, connectionTimeoutMillis: 3000 });
  const reachable = await admin.connect().then(
    () => true,
    () => false,
  );
  if (!process.env.CI) test.skip(!reachable, `PostgreSQL at ${new URL(POSTGRES_ADMIN).host} does not answer`);
  expect(reachable, "PostgreSQL must answer under CI").toBe(true);
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(POSTGRES_ADMIN);
  url.pathname = `/${database}`;
  const stage = runtimeStage();
  const app = layOut(stage);
  try {
    const port = PORTS.startupWide;
    const server = start(app, stage, port, { DATABASE_URL: url.toString() });
    await waitHealthy(port, server.output);
    const ready = await request.get(`http://127.0.0.1:${port}/api/ready`);
    expect(ready.status(), server.output()).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, database: "ok", storage: "ok" });
    const version = await request.post(`http://127.0.0.1:${port}/api/refine`, {
      headers: { accept: "application/json" },
      data: { idea: "a harbour crane in fog, on postgres" },
    });
    expect(version.status(), await version.text()).toBe(201);
    const direct = new pg.Client({ connectionString: url.toString() });
    await direct.connect();
    const { rows } = await direct
      .query<{ n: number }>("SELECT count(*)::int AS n FROM ideas")
      .finally(() => direct.end());
    expect(rows[0]?.n).toBe(1);
    stop(server.child);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    rmSync(app, { recursive: true, force: true });
  }
});

test("node server.js with an invalid variable exits 1, naming it, without its value", async () => {
  test.setTimeout(90_000);
  const stage = runtimeStage();
  const app = layOut(stage);
  const server = start(app, stage, PORTS.startup, { A1111_AUTH: SECRET });
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after 45 s:\n${server.output()}`)), 45_000);
    server.child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code, server.output()).toBe(1);
  expect(server.output()).toContain("A1111_AUTH");
  expect(server.output()).not.toContain(SECRET);
  rmSync(app, { recursive: true, force: true });
});
