/**
 * GET /api/ready (issue 9, item 8): 200 only when the database answers a trivial query and the
 * image storage answers; otherwise 503 `backend_unavailable` naming which one failed, never a
 * secret. Public like /api/health (load balancers have no session) and never rate-limited.
 */
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { isPublicPath } from "@/lib/auth/gate";
import { limitFor } from "@/lib/limits/rate-limits";
import { ErrorBodySchema } from "@/lib/schemas/api";
import { getStore, resetStoreForTests } from "@/lib/store";
import { checkReadiness } from "@/lib/studio/readiness";
import { req, setEnv } from "./harness/proxy";
import { describeEachDialect } from "./store-dialects";

const SECRET = "r3adiness-Pa55word-never-shown";
const VARS = ["DATA_DIR", "DATABASE_URL", "STORAGE", "APP_PASSWORD", "SESSION_SECRET"] as const;
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));

const { GET } = await import("@/app/api/ready/route");
const ready = () => GET(new Request("http://127.0.0.1:3000/api/ready"), { params: Promise.resolve({}) });

/** A fresh data folder (unless `vars` names one) and these variables; returns DATA_DIR. The store opens afresh. */
async function useEnv(vars: Record<string, string | undefined>): Promise<string> {
  await resetStoreForTests();
  const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-ready-"));
  setEnv({ DATA_DIR: dataDir, DATABASE_URL: undefined, STORAGE: undefined, ...vars });
  return process.env.DATA_DIR as string;
}

/** A port on 127.0.0.1 that nothing listens on (taken, then let go). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function notReady(res: Response) {
  expect(res.status).toBe(503);
  const text = await res.text();
  expect(text).not.toContain(SECRET);
  expect(text).not.toMatch(/at .*\.ts:\d+/);
  return ErrorBodySchema.parse(JSON.parse(text)).error;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await resetStoreForTests();
});
afterAll(() => setEnv(saved));

describeEachDialect("GET /api/ready", (dialect) => {
  it("Store.ping answers on a live database", async () => {
    const store = dialect.open();
    try {
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it("is 200 { ok, database: ok, storage: ok } when both answer", async () => {
    await useEnv(dialect.env());
    const res = await ready();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ ok: true, database: "ok", storage: "ok" });
  });

  it("is 503 naming the storage when the image folder is gone", async () => {
    const dataDir = await useEnv(dialect.env());
    expect((await ready()).status).toBe(200);
    rmSync(path.join(dataDir, "images"), { recursive: true, force: true });
    const error = await notReady(await ready());
    expect(error.code).toBe("backend_unavailable");
    expect(error.details).toEqual({ database: "ok", storage: "failed" });
    expect(error.message).toMatch(/image storage/);
    expect(error.message).not.toMatch(/database/);
  });
});

describe("GET /api/ready when the database is down", () => {
  it("is 503 backend_unavailable naming the database, without the URL or its password", async () => {
    const port = await closedPort();
    await useEnv({ DATABASE_URL: `postgres://promptsmith:${SECRET}@127.0.0.1:${port}/promptsmith` });
    const error = await notReady(await ready());
    expect(error.code).toBe("backend_unavailable");
    expect(error.details).toEqual({ database: "failed", storage: "ok" });
    expect(error.message).toBe("Not ready: the database does not answer.");
    expect(JSON.stringify(error)).not.toContain(String(port));
  });

  it("names both when neither answers", async () => {
    const port = await closedPort();
    const dataDir = await useEnv({ DATABASE_URL: `postgres://promptsmith:${SECRET}@127.0.0.1:${port}/promptsmith` });
    await ready();
    rmSync(path.join(dataDir, "images"), { recursive: true, force: true });
    const error = await notReady(await ready());
    expect(error.details).toEqual({ database: "failed", storage: "failed" });
    expect(error.message).toBe("Not ready: the database and the image storage do not answer.");
  });

  it("counts a database that hangs as failed once the time is up", async () => {
    await useEnv({});
    vi.spyOn(getStore(), "ping").mockImplementation(() => new Promise<void>(() => undefined));
    const started = Date.now();
    // A second: long enough that the real storage check answers even on a loaded machine.
    await expect(checkReadiness(1_000)).rejects.toMatchObject({
      code: "backend_unavailable",
      details: { database: "failed", storage: "ok" },
    });
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});

describe("GET /api/ready and the proxy", () => {
  it("passes the password gate like /api/health, and no other path does by resemblance", () => {
    expect(isPublicPath("/api/ready")).toBe(true);
    for (const p of ["/api/ready/x", "/api/readyz", "/api/ready/../ideas"]) expect(isPublicPath(p)).toBe(false);
  });

  it("answers without a session while the gate is on, and is never rate-limited", async () => {
    await useEnv({ APP_PASSWORD: "ready-gate-password", SESSION_SECRET: "ready-session-secret-0123456789" });
    const { proxy } = await import("@/proxy");
    expect(limitFor("GET", "/api/ready")).toBeUndefined();
    // Far past any bucket: a load balancer asks every few seconds, from one address.
    for (let i = 0; i < 200; i++) expect((await proxy(req("/api/ready"))).status).toBe(200);
    expect((await proxy(req("/api/ideas"))).status).toBe(401);
  });
});
