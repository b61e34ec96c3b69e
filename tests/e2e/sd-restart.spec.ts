import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type APIRequestContext, test } from "@playwright/test";
import { FAKE_A1111_PORT, PORTS } from "../../playwright.config";

const PORT = PORTS.sdRestart;
const FAKE_A1111 = `http://127.0.0.1:${FAKE_A1111_PORT}`;
const BASE = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-restart-"));

function startServer(): ChildProcess {
  return spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      A1111_URL: FAKE_A1111,
      OPENAI_API_KEY: "",
      OPENAI_BASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
    detached: true,
  });
}

async function waitUp(request: APIRequestContext) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await request.get(`${BASE}/api/health`)).ok()) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not start");
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("a restart during a running generation leaves it interrupted and everything else intact", async ({
  request,
  page,
}) => {
  test.setTimeout(120_000);
  await request.post(`${FAKE_A1111}/__fake/reset`);
  let server = startServer();
  try {
    await waitUp(request);
    const v = await (
      await request.post(`${BASE}/api/refine`, {
        data: { idea: "a paper boat on a pond", backend: "offline" },
        headers: { accept: "application/json" },
      })
    ).json();
    const done = await (
      await request.post(`${BASE}/api/generate`, {
        data: { promptId: v.id, backend: "offline", params: { size: "512x512" } },
      })
    ).json();
    const finished = await until(
      async () => (await request.get(`${BASE}/api/generations/${done.id}`)).json(),
      (g) => g.status === "succeeded",
      "the offline image",
    );
    const keptImage = finished.images[0].id as string;

    // A long A1111 job (150 steps at 80 ms each), killed while it runs.
    const slow = await (
      await request.post(`${BASE}/api/generate`, {
        data: { promptId: v.id, backend: "automatic1111", params: { size: "512x512", steps: 150 } },
      })
    ).json();
    await until(
      async () => (await request.get(`${BASE}/api/generations/${slow.id}`)).json(),
      (g) => g.status === "running" && g.progress > 0,
      "the A1111 job to run",
    );
    process.kill(-(server.pid ?? 0), "SIGKILL");
    await new Promise((r) => setTimeout(r, 300));

    server = startServer();
    await waitUp(request);
    const after = await (await request.get(`${BASE}/api/generations/${slow.id}`)).json();
    expect(after.status).toBe("failed");
    expect(after.error.code).toBe("interrupted");

    // Everything committed before the kill is intact: idea, version, the other image and its file.
    const idea = await (await request.get(`${BASE}/api/ideas/${v.ideaId}`)).json();
    expect(idea.versions.map((x: { id: string }) => x.id)).toContain(v.id);
    expect(idea.versions.find((x: { id: string }) => x.id === v.id).prompt).toBe(v.prompt);
    const file = await request.get(`${BASE}/api/images/${keptImage}/file`);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toBe("image/png");
    const images = await (await request.get(`${BASE}/api/images`)).json();
    expect(images.items.map((i: { id: string }) => i.id)).toEqual([keptImage]);

    // The studio says so where the generation was.
    await page.goto(`${BASE}/?idea=${v.ideaId}`);
    await expect(page.getByText(/interrupted/i).first()).toBeVisible();
  } finally {
    try {
      if (server.pid) process.kill(-server.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});
