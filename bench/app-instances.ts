/**
 * N production servers (`next start`, on an existing build) on free loopback ports, each with its
 * own environment and DATA_DIR, as instances behind a load balancer would run. Each is its own
 * process group, so stopping it stops whatever it started.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { nextBin, root } from "./production-build";

export type AppInstance = { url: string; pid: number };
export type AppInstances = { instances: AppInstance[]; stop(): Promise<void> };

/** Signals a whole process group; one already gone is fine. */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url}: not healthy within ${timeoutMs / 1000} s`);
}

/** `envFor(i)`: instance i's variables on top of this process's environment. */
export async function startAppInstances(
  count: number,
  envFor: (i: number) => Record<string, string>,
): Promise<AppInstances> {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || !child.pid) return;
        const exited = new Promise((r) => child.once("exit", r));
        const pid = child.pid;
        killGroup(pid, "SIGTERM");
        const timer = setTimeout(() => killGroup(pid, "SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }),
    );
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const instances: AppInstance[] = [];
    const started: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const dataDir = mkdtempSync(path.join(tmpdir(), `promptsmith-bench-i${i}-`));
      dirs.push(dataDir);
      const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
        cwd: root,
        env: { ...process.env, LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1", ...envFor(i), DATA_DIR: dataDir },
        stdio: ["ignore", "inherit", "inherit"],
        detached: true,
      });
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      instances.push({ url, pid: child.pid ?? 0 });
      started.push(waitHealthy(url, child, 120_000));
    }
    await Promise.all(started);
    return { instances, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
