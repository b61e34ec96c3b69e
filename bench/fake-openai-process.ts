/**
 * The fake OpenAI server in its own process (tests/fakes/openai/cli.ts), so rendering its images
 * never stalls the bench's own event loop (the counting proxy's clock, the polling), and it is
 * steered over its /__fake/* control routes as e2e tests do.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { root } from "./production-build";

export type FakeOpenAIProcess = {
  /** Base URL ending in /v1. */
  url: string;
  /** POST /__fake/mode, e.g. { mode: "ok", endpoint: "images", delayMs: 500 }. */
  setMode(setting: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
};

export async function startFakeOpenAIProcess(): Promise<FakeOpenAIProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(root, "tests", "fakes", "openai", "cli.ts")],
    { cwd: root, env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise((r) => child.once("exit", r));
  const url = await new Promise<string>((resolve, reject) => {
    if (!child.stdout) return reject(new Error("fake-openai: no stdout"));
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const found = /listening on (\S+)/.exec(line);
      if (found?.[1]) resolve(found[1]);
    });
    child.once("exit", (code) => reject(new Error(`fake-openai exited with ${code} before listening`)));
  });
  const origin = new URL(url).origin;
  return {
    url,
    async setMode(setting) {
      const res = await fetch(`${origin}/__fake/mode`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(setting),
      });
      if (!res.ok) throw new Error(`fake-openai /__fake/mode: ${res.status} ${await res.text()}`);
    },
    async close() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
