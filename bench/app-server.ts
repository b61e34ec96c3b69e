import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Starts the production app (building first when needed) on a port, with the given environment,
 * on a fresh data folder or on `opts.dataDir` (seeded by the caller).
 */
export async function startApp(
  port: number,
  env: Record<string, string>,
  opts: { dataDir?: string } = {},
): Promise<{ url: string; pid: number; stop(): void }> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), "promptsmith-bench-"));
  const child: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, ...env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, pid: child.pid ?? 0, stop: () => child.kill("SIGTERM") };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGTERM");
  throw new Error("the app did not start within 5 minutes");
}
