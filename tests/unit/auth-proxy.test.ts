import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { envEach, expectError, req, setEnv } from "./harness/proxy";

const ENV = {
  APP_PASSWORD: "proxy-test-password",
  API_TOKENS: "proxy-token-1, proxy-token-2",
  SESSION_SECRET: "",
  DATA_DIR: mkdtempSync(path.join(tmpdir(), "promptsmith-proxy-")),
  // These tests stand for clients behind one reverse proxy, told apart by X-Forwarded-For.
  TRUST_PROXY: "1",
  RATE_GENERATE_PER_MIN: "60",
  RATE_GENERATE_BURST: "2",
  RATE_LOGIN_PER_MIN: "60",
  RATE_LOGIN_BURST: "3",
};

const { proxy, config } = await import("@/proxy");
const { signSession } = await import("@/lib/auth/session");
const { cookieKeyFor } = await import("@/lib/auth/gate");

const session = () => `ps_session=${signSession(cookieKeyFor(getConfig()) as Buffer)}`;

envEach(ENV);

describe("proxy: the password gate", () => {
  it("sends pages to /login with the path to come back to", async () => {
    const res = await proxy(req("/ideas/abc?version=v1"));
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("next")).toBe("/ideas/abc?version=v1");
    expect(new URL((await proxy(req("/"))).headers.get("location") ?? "").search).toBe("");
  });

  it("answers API routes 401 in the house error shape", async () => {
    for (const path of ["/api/ideas", "/api/catalog", "/api/images/x/file", "/api/nope"]) {
      const res = await proxy(req(path));
      await expectError(res, 401, "unauthorized");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    await expectError(await proxy(req("/api/refine", { method: "POST", body: "{}" })), 401, "unauthorized");
  });

  it("lets health, the sign-in page and its endpoints through", async () => {
    for (const path of ["/api/health", "/login", "/api/auth/logout"]) expect((await proxy(req(path))).status).toBe(200);
    expect((await proxy(req("/api/auth/login", { method: "POST", body: "{}" }))).status).toBe(200);
  });

  it("lets a session through to pages and API routes", async () => {
    expect((await proxy(req("/gallery", { headers: { cookie: session() } }))).status).toBe(200);
    expect((await proxy(req("/api/ideas", { headers: { cookie: session() } }))).status).toBe(200);
  });

  it("lets a Bearer token through to API routes, not pages", async () => {
    const auth = { authorization: "Bearer proxy-token-2" };
    expect((await proxy(req("/api/ideas", { headers: auth }))).status).toBe(200);
    expect((await proxy(req("/gallery", { headers: auth }))).status).toBe(307);
    expect((await proxy(req("/api/ideas", { headers: { authorization: "Bearer proxy-token-3" } }))).status).toBe(401);
  });

  it("sends a signed-in browser on from /login, never off-site", async () => {
    const res = await proxy(req("/login?next=%2F%2Fevil.example%2F", { headers: { cookie: session() } }));
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.port).toBe("3000");
    expect(location.pathname).toBe("/");
    expect(location.hostname).not.toContain("evil");
    const ok = await proxy(req("/login?next=%2Fgallery", { headers: { cookie: session() } }));
    expect(new URL(ok.headers.get("location") ?? "").pathname).toBe("/gallery");
  });

  it("is open as before when APP_PASSWORD is unset", async () => {
    setEnv({ ...ENV, APP_PASSWORD: undefined });
    expect((await proxy(req("/gallery"))).status).toBe(200);
    expect((await proxy(req("/api/ideas"))).status).toBe(200);
    expect((await proxy(req("/login"))).status).toBe(307);
  });

  it("runs on everything but built assets", () => {
    const source = config.matcher[0] as string;
    const re = new RegExp(`^${source.replace("/((?!", "/(?!").replace(").*)", ").*")}$`);
    for (const p of ["/", "/gallery", "/api/ideas", "/api/health", "/login", "/_next/data/x"])
      expect(re.test(p)).toBe(true);
    for (const p of ["/_next/static/chunks/a.js", "/icon.svg"]) expect(re.test(p)).toBe(false);
  });
});

describe("proxy: rate limits", () => {
  // Refinements are counted by the refine use case, which knows the refiner (refine-rate-limit.test.ts).
  it("answers 429 rate_limited with Retry-After once a client's generate burst is spent", async () => {
    const headers = { authorization: "Bearer proxy-token-1", "content-type": "application/json" };
    const post = async () => await proxy(req("/api/generate", { method: "POST", headers, body: "{}" }));
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    const refused = await post();
    await expectError(refused, 429, "rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Another client is not affected.
    const other = await proxy(req("/api/generate", { method: "POST", headers: { cookie: session() }, body: "{}" }));
    expect(other.status).toBe(200);
  });

  it("checks the gate before the limit: no 429 for a caller who is not signed in", async () => {
    for (let i = 0; i < 5; i++)
      await expectError(await proxy(req("/api/generate", { method: "POST", body: "{}" })), 401, "unauthorized");
  });

  it("limits sign-in attempts per client, before the password is even read", async () => {
    const attempt = async (ip: string) =>
      await proxy(req("/api/auth/login", { method: "POST", headers: { "x-forwarded-for": ip }, body: "{}" }));
    for (let i = 0; i < 3; i++) expect((await attempt("192.0.2.50")).status).toBe(200);
    const refused = await attempt("192.0.2.50");
    await expectError(refused, 429, "rate_limited");
    expect(refused.headers.get("retry-after")).toBe("1");
    // A made-up session cookie does not buy a new bucket.
    const forged = await proxy(
      req("/api/auth/login", {
        method: "POST",
        headers: { "x-forwarded-for": "192.0.2.50", cookie: "ps_session=made-up" },
        body: "{}",
      }),
    );
    expect(forged.status).toBe(429);
    expect((await attempt("192.0.2.51")).status).toBe(200);
  });
});

describe("proxy: sizes and headers", () => {
  it("tells API routes who is asking, from checked credentials only (a client cannot set it)", async () => {
    const spoofed = { "x-promptsmith-client": "token:someone-else", "x-forwarded-for": "192.0.2.7" };
    const anon = await proxy(req("/api/health", { headers: spoofed }));
    expect(anon.headers.get("x-middleware-request-x-promptsmith-client")).toBe("ip:192.0.2.7");
    const forged = await proxy(req("/api/health", { headers: { ...spoofed, cookie: "ps_session=made-up" } }));
    expect(forged.headers.get("x-middleware-request-x-promptsmith-client")).toBe("ip:192.0.2.7");
    const withToken = await proxy(
      req("/api/ideas", { headers: { ...spoofed, authorization: "Bearer proxy-token-1" } }),
    );
    expect(withToken.headers.get("x-middleware-request-x-promptsmith-client")).toMatch(/^token:[0-9a-f]{16}$/);
  });

  it("refuses a declared body over the limit with 413 before reading it", async () => {
    const res = await proxy(
      req("/api/prompts", { method: "POST", headers: { cookie: session(), "content-length": "1000001" } }),
    );
    await expectError(res, 413, "too_large");
  });

  it("refuses an API URL longer than 8 KB with 414", async () => {
    await expectError(
      await proxy(req(`/api/ideas?q=${"a".repeat(9000)}`, { headers: { cookie: session() } })),
      414,
      "too_large",
    );
  });

  it("gives each page a fresh nonce in its CSP, and passes it to Next in the request headers", async () => {
    const a = await proxy(req("/gallery", { headers: { cookie: session() } }));
    const b = await proxy(req("/gallery", { headers: { cookie: session() } }));
    const csp = a.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    // NextResponse.next({ request: { headers } }) carries overridden request headers this way.
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(
      (await proxy(req("/api/ideas", { headers: { cookie: session() } }))).headers.get("content-security-policy"),
    ).toBeNull();
  });
});
