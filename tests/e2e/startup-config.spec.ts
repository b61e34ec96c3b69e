/**
 * Issues 14.1 and 15.3 against the real build. `next start` run directly (as a process manager
 * might) ends with exit code 1 on a bad configuration instead of serving a dead app; `npm start`'s
 * launcher refuses before anything listens; and the server listens where HOSTNAME says, 127.0.0.1
 * unless the person asks for more.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import net from "node:net";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PORTS } from "../../playwright.config";
import { listenOptions } from "../../scripts/start-args.mjs";

const NEXT = "node_modules/next/dist/bin/next";
const SECRET = "pg-S3cret-never-printed-4471";

type Ended = { code: number | null; output: string; ms: number };
const children: ChildProcess[] = [];

function launch(args: string[], vars: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "promptsmith-startup-")),
      NEXT_TELEMETRY_DISABLED: "1",
      OPENAI_API_KEY: "",
      OPENAI_BASE_URL: "",
      APP_PASSWORD: "",
      DATABASE_URL: "",
      ...vars,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

/** Runs to its end, or fails the test if it is still running after `ms`. */
async function runToEnd(args: string[], vars: Record<string, string>, ms = 45_000): Promise<Ended> {
  const started = Date.now();
  const { child, output } = launch(args, vars);
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after ${ms} ms:\n${output()}`)), ms);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  return { code, output: output(), ms: Date.now() - started };
}

/** Whether something accepts a TCP connection at host:port. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(3000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function waitHealthy(port: number, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no server on ${port} after ${ms} ms`);
}

/** An IPv4 address of this machine that is not loopback, if it has one. */
function outsideAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
}

test.afterAll(() => {
  for (const c of children) {
    if (c.pid && c.exitCode === null && c.signalCode === null) {
      try {
        process.kill(-c.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
});

test("next start with an invalid variable exits 1 within seconds, saying which, once", async () => {
  test.setTimeout(90_000);
  const port = PORTS.startup;
  const run = await runToEnd([NEXT, "start", "-H", "127.0.0.1", "-p", String(port)], { LOG_LEVEL: "bogus" });
  expect(run.code, run.output).toBe(1);
  expect(run.output).toContain("LOG_LEVEL");
  expect(run.output.match(/invalid configuration/g)?.length, run.output).toBe(1);
  expect(await accepts("127.0.0.1", port)).toBe(false);
});

test("next start with a database it cannot reach exits 1 without printing the password", async () => {
  test.setTimeout(90_000);
  // A port nothing listens on (the wide server's, unused by this test).
  const url = `postgres://promptsmith:${SECRET}@127.0.0.1:${PORTS.startupWide}/promptsmith`;
  const run = await runToEnd([NEXT, "start", "-H", "127.0.0.1", "-p", String(PORTS.startup)], { DATABASE_URL: url });
  expect(run.code, run.output).toBe(1);
  expect(run.output).toMatch(/^Promptsmith: .*(DATABASE_URL|could not start)/m);
  expect(run.output).not.toContain(SECRET);
});

test("npm start refuses a bad configuration before anything is built or listens", async () => {
  test.setTimeout(90_000);
  const run = await runToEnd(["scripts/start.mjs"], {
    A1111_AUTH: SECRET,
    PORT: String(PORTS.startup),
  });
  expect(run.code, run.output).toBe(1);
  expect(run.output).toContain("A1111_AUTH");
  expect(run.output).not.toContain(SECRET);
  expect(run.output).not.toMatch(/building|Ready|serving on/);
});

test("npm start listens on 127.0.0.1 only, unless HOSTNAME asks for every interface", async () => {
  test.setTimeout(150_000);
  const outside = outsideAddress();
  test.skip(!outside, "this machine has no address but loopback, so 'not reachable from outside' cannot be told apart");
  const local = listenOptions({ PORT: String(PORTS.startup) });
  expect(local.args).toEqual(["start", "-H", "127.0.0.1", "-p", String(PORTS.startup)]);
  const wide = listenOptions({ PORT: String(PORTS.startupWide), HOSTNAME: "0.0.0.0" });
  const a = launch([NEXT, ...local.args], {});
  const b = launch([NEXT, ...wide.args], {});
  await Promise.all([waitHealthy(PORTS.startup), waitHealthy(PORTS.startupWide)]);
  expect(await accepts(outside as string, PORTS.startup), a.output()).toBe(false);
  expect(await accepts(outside as string, PORTS.startupWide), b.output()).toBe(true);
});
