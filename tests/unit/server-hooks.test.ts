/**
 * The HTTP server hook (issue 15.3 and 15.5) on a real socket: the socket's address reaches the
 * rate limiter whatever a client writes, an oversized upload is refused on its headers, and the
 * server's timeouts come down from Node's five minutes.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfig, resetConfigForTests } from "@/lib/config";
import { ErrorBodySchema } from "@/lib/schemas/api";

const ENV = {
  APP_PASSWORD: "hook-test-password",
  SESSION_SECRET: "",
  API_TOKENS: "hook-token-1",
  DATA_DIR: mkdtempSync(path.join(tmpdir(), "promptsmith-hooks-")),
};
const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));
Object.assign(process.env, ENV);
resetConfigForTests();

const { installServerHooks, uninstallServerHooks, SERVER_HOOK_DEFAULTS } = await import("@/lib/security/server-hooks");
const { PEER_HEADER, peerAddress } = await import("@/lib/http/peer-address");
const { clientAddress } = await import("@/lib/http/client-key");
const { cookieKeyFor } = await import("@/lib/auth/gate");
const { signSession } = await import("@/lib/auth/session");

let server: http.Server;
let port = 0;
let bodiesRead = 0;

beforeAll(async () => {
  installServerHooks();
  server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
    });
    req.on("end", () => {
      bodiesRead++;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ peer: peerAddress(headers) ?? null, key: clientAddress(headers, 0), size }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
  uninstallServerHooks();
  await new Promise((resolve) => server.close(resolve));
});

/** Sends a request's headers and no body; resolves with the answer and how long it took. */
function headersOnly(p: string, extra: string): Promise<{ head: string; body: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(
        `POST ${p} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n${extra}\r\n\r\n`,
      );
    });
    let text = "";
    socket.on("data", (c) => {
      text += c.toString("latin1");
    });
    socket.on("close", () => {
      const [head = "", body = ""] = text.split("\r\n\r\n");
      resolve({ head, body, ms: Date.now() - started });
    });
    socket.on("error", reject);
    setTimeout(() => reject(new Error(`no answer in 5 s: ${text}`)), 5000).unref();
  });
}

describe("server hook", () => {
  it("stamps the socket's address, overwriting what the client wrote", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, {
      headers: { [PEER_HEADER]: "guess 203.0.113.9", "x-forwarded-for": "203.0.113.10" },
    });
    const body = (await res.json()) as { peer: string; key: string };
    expect(body.peer).toBe("127.0.0.1");
    expect(body.key).toBe("127.0.0.1");
  });

  it("lowers the server's request and headers timeouts", () => {
    expect(server.requestTimeout).toBe(SERVER_HOOK_DEFAULTS.requestTimeoutMs);
    expect(server.requestTimeout).toBeLessThan(300_000);
    expect(server.headersTimeout).toBe(SERVER_HOOK_DEFAULTS.headersTimeoutMs);
  });

  it("refuses a declared Content-Length over the cap at once, without waiting for the body", async () => {
    const before = bodiesRead;
    const { head, body, ms } = await headersOnly("/api/ideas", "Content-Length: 1900000\r\nCookie: x=1");
    expect(ms).toBeLessThan(3000);
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(head.toLowerCase()).toContain("x-content-type-options: nosniff");
    expect(head.toLowerCase()).toContain("connection: close");
    expect(ErrorBodySchema.parse(JSON.parse(body)).error.code).toBe("too_large");
    expect(bodiesRead).toBe(before);
  });

  it("refuses an upload to a gated API route without a session or token on its headers (401)", async () => {
    const before = bodiesRead;
    for (const extra of [
      "Content-Length: 900000",
      "Transfer-Encoding: chunked",
      "Content-Length: 10\r\nCookie: ps_session=made-up",
    ]) {
      const { head, body, ms } = await headersOnly("/api/ideas", extra);
      expect(ms).toBeLessThan(3000);
      expect(head).toMatch(/^HTTP\/1\.1 401 /);
      expect(head).toMatch(/WWW-Authenticate: Bearer/i);
      expect(ErrorBodySchema.parse(JSON.parse(body)).error.code).toBe("unauthorized");
    }
    expect(bodiesRead).toBe(before);
  });

  it("lets uploads with a session or token through, and public paths, and paths it does not read plainly", async () => {
    const session = signSession(cookieKeyFor(getConfig()) as Buffer);
    const post = (p: string, headers: Record<string, string> = {}) =>
      fetch(`http://127.0.0.1:${port}${p}`, { method: "POST", headers, body: "{}" });
    expect((await post("/api/ideas", { cookie: `ps_session=${session}` })).status).toBe(200);
    expect((await post("/api/ideas", { authorization: "Bearer hook-token-1" })).status).toBe(200);
    expect((await post("/api/auth/login")).status).toBe(200);
    expect((await post("/api/health")).status).toBe(200);
    expect((await post("/login")).status).toBe(200);
    expect((await post("/api/%69deas")).status).toBe(200);
    // Without a body there is nothing to save: proxy.ts answers those.
    expect((await fetch(`http://127.0.0.1:${port}/api/ideas`)).status).toBe(200);
  });

  it("lets a body within the cap through", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/ideas`, {
      method: "POST",
      headers: { authorization: "Bearer hook-token-1" },
      body: "x".repeat(1000),
    });
    expect(((await res.json()) as { size: number }).size).toBe(1000);
  });
});
