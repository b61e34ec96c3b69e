/**
 * The built app as a real server for specs that kill and restart it: `next start` on its own
 * port with its own environment, in its own process group so that SIGKILL takes all of it.
 * (The servers playwright.config.ts starts live for the whole run and are never killed.)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";

/**
 * No password, no API tokens, no OpenAI, no retries, and rate limits no spec reaches: only what
 * the spec is about stops a request.
 */
export const OPEN_ENV = {
  OPENAI_API_KEY: "",
  OPENAI_BASE_URL: "",
  APP_PASSWORD: "",
  API_TOKENS: "",
  GENERATE_RETRIES: "0",
  RATE_GENERATE_BURST: "1000",
  RATE_GENERATE_PER_MIN: "100000",
  RATE_REFINE_BURST: "1000",
  RATE_REFINE_PER_MIN: "100000",
};

export interface AppServer {
  /** http://127.0.0.1:<port> */
  readonly base: string;
  /** Whether a started server has not been killed. */
  readonly running: boolean;
  /** The started server's pid, which is also its process group's id. */
  readonly pid: number | undefined;
  start(): void;
  /** SIGKILL to the server's whole process group; resolves once it is gone, with its pid. */
  kill(): Promise<number>;
  /** Resolves when /api/health answers, polling every 100 ms (60 s at most). */
  waitUp(request: APIRequestContext): Promise<void>;
}

/**
 * `env` is read at each start, so it may name what only exists later (a fake's URL). `log`: a file
 * that collects the server's stdout and stderr (appended across restarts); none by default.
 */
export function appServer(port: number, env: () => Record<string, string>, opts: { log?: string } = {}): AppServer {
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  return {
    base,
    get running() {
      return Boolean(child?.pid);
    },
    get pid() {
      return child?.pid;
    },
    start() {
      const out = opts.log ? openSync(opts.log, "a") : undefined;
      child = spawn(
        process.execPath,
        ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
        {
          env: { ...process.env, ...env(), NEXT_TELEMETRY_DISABLED: "1" },
          stdio: out === undefined ? "ignore" : ["ignore", out, out],
          detached: true,
        },
      );
      // The child has its own copy of the descriptor.
      if (out !== undefined) closeSync(out);
    },
    async kill() {
      const killed = child;
      if (!killed?.pid) throw new Error("no server to kill");
      const gone = new Promise<void>((resolve) => {
        if (killed.exitCode !== null || killed.signalCode !== null) resolve();
        else killed.once("exit", () => resolve());
      });
      process.kill(-killed.pid, "SIGKILL");
      await gone;
      child = undefined;
      return killed.pid;
    },
    async waitUp(request) {
      for (let i = 0; i < 600; i++) {
        try {
          if ((await request.get(`${base}/api/health`)).ok()) return;
        } catch {
          // not yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("the server did not start");
    },
  };
}
