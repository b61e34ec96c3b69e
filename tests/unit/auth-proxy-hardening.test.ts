/**
 * Issue 15 against proxy.ts itself: open redirects from /login, inputs that made it throw,
 * cross-site state changes, whose X-Forwarded-For to believe, and sign-in lockout.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { envEach, expectError, type ProxyRequestInit, req as siteRequest, setEnv } from "./harness/proxy";
import { OPEN_REDIRECT_CORPUS } from "./security-corpus";

const ENV = {
  APP_PASSWORD: "hardening-test-password",
  API_TOKENS: "hardening-token-1",
  SESSION_SECRET: "",
  DATA_DIR: mkdtempSync(path.join(tmpdir(), "promptsmith-hardening-")),
  TRUST_PROXY: "",
  RATE_LOGIN_PER_MIN: "1",
  RATE_LOGIN_BURST: "2",
};

const { proxy } = await import("@/proxy");
const { signSession, signToken } = await import("@/lib/auth/session");
const { cookieKeyFor } = await import("@/lib/auth/gate");
const { PEER_HEADER, setPeerStamp } = await import("@/lib/http/peer-address");

const SITE = "http://127.0.0.1:3000";
const req = (p: string, init: ProxyRequestInit = {}) =>
  siteRequest(p, { ...init, headers: { host: "127.0.0.1:3000", ...init.headers } });
const key = () => cookieKeyFor(getConfig()) as Buffer;
const session = () => `ps_session=${signSession(key())}`;
const device = () => `ps_device=${signToken(key(), "d1", Date.now(), 3600)}`;

/** NextURL writes 127.0.0.1 as localhost; either is this site. */
function expectThisSite(location: string | null) {
  expect(location).toBeTruthy();
  expect([SITE, "http://localhost:3000"]).toContain(new URL(location ?? "", SITE).origin);
}

envEach(ENV, () => setPeerStamp(undefined));

describe("15.1: /login never sends anyone to another site", () => {
  const cases = OPEN_REDIRECT_CORPUS.map((raw) => [raw] as const);
  it.each(cases)("next=%j, signed in", async (raw) => {
    const res = await proxy(req(`/login?next=${encodeURIComponent(raw)}`, { headers: { cookie: session() } }));
    expect(res.status).toBe(307);
    expectThisSite(res.headers.get("location"));
  });

  it.each(cases)("next=%j, raw in the query, with APP_PASSWORD unset", async (raw) => {
    setEnv({ ...ENV, APP_PASSWORD: undefined });
    let url: string;
    try {
      url = `/login?next=${raw}`;
      new URL(url, SITE);
    } catch {
      return;
    }
    const res = await proxy(req(url));
    expect([307, 400]).toContain(res.status);
    if (res.status === 307) expectThisSite(res.headers.get("location"));
  });
});

describe("15.2: no input makes the proxy throw", () => {
  it("answers /login?next=/.//evil.example%252f.. with a redirect home, not a 500", async () => {
    const res = await proxy(req("/login?next=/.//evil.example%252f..", { headers: { cookie: session() } }));
    expect(res.status).toBe(307);
    expectThisSite(res.headers.get("location"));
    expect(new URL(res.headers.get("location") ?? "").pathname).toBe("/");
  });

  it("turns an unexpected error into 400 in the error shape", async () => {
    // A request whose URL getter throws stands for any input the code below did not foresee.
    const broken = req("/gallery");
    Object.defineProperty(broken, "nextUrl", {
      get() {
        throw new TypeError("Invalid URL");
      },
    });
    await expectError(await proxy(broken), 400, "invalid_request");
  });
});

describe("15.4: state-changing requests from another origin", () => {
  const post = async (p: string, headers: Record<string, string>, body = "x") =>
    await proxy(req(p, { method: "POST", headers: { "content-type": "text/plain", ...headers }, body }));

  it.each([
    ["/api/library/abc/use", { cookie: "" }],
    ["/api/generations/abc/cancel", {}],
    ["/api/auth/logout", {}],
    ["/api/ideas", {}],
  ])("refuses %s from another site with 403 forbidden, signed in or not", async (p, extra) => {
    const withCookie = { ...extra, cookie: session() };
    await expectError(await post(p, { ...withCookie, origin: "https://evil.example" }), 403, "forbidden");
    await expectError(await post(p, { origin: "https://evil.example" }), 403, "forbidden");
  });

  it("counts another port and another scheme on this host as another origin", async () => {
    await expectError(
      await post("/api/ideas", { cookie: session(), origin: "http://127.0.0.1:7860" }),
      403,
      "forbidden",
    );
    await expectError(
      await post("/api/ideas", { cookie: session(), origin: "https://127.0.0.1:3000" }),
      403,
      "forbidden",
    );
    await expectError(await post("/api/ideas", { cookie: session(), origin: "null" }), 403, "forbidden");
  });

  it("uses Sec-Fetch-Site when there is no Origin", async () => {
    await expectError(await post("/api/auth/logout", { "sec-fetch-site": "same-site" }), 403, "forbidden");
    await expectError(await post("/api/auth/logout", { "sec-fetch-site": "cross-site" }), 403, "forbidden");
    expect((await post("/api/auth/logout", { "sec-fetch-site": "same-origin" })).status).toBe(200);
  });

  it("refuses them without the gate too: a form elsewhere could create ideas", async () => {
    setEnv({ ...ENV, APP_PASSWORD: undefined });
    await expectError(await post("/api/ideas", { origin: "http://localhost:8188" }), 403, "forbidden");
    expect((await post("/api/ideas", { origin: SITE })).status).toBe(200);
  });

  it("lets this site's own pages, scripts without a browser and Bearer requests through", async () => {
    expect((await post("/api/ideas", { cookie: session(), origin: SITE })).status).toBe(200);
    expect((await post("/api/ideas", { cookie: session() })).status).toBe(200);
    expect(
      (await post("/api/ideas", { authorization: "Bearer hardening-token-1", origin: "https://evil.example" })).status,
    ).toBe(200);
    // The sign-in form without scripts: a same-origin form post.
    const signIn = await post("/api/auth/login", { origin: SITE, "content-type": "application/x-www-form-urlencoded" });
    expect(signIn.status).toBe(200);
    // Reading is not changing.
    expect(
      (await proxy(req("/api/ideas", { headers: { cookie: session(), origin: "https://evil.example" } }))).status,
    ).toBe(200);
  });

  it("behind a trusted proxy, X-Forwarded-Host and X-Forwarded-Proto name this site", async () => {
    setEnv({ ...ENV, TRUST_PROXY: "1" });
    const headers = {
      cookie: session(),
      host: "127.0.0.1:3000",
      "x-forwarded-host": "studio.example",
      "x-forwarded-proto": "https",
      origin: "https://studio.example",
    };
    // https: the session cookie is the __Host- one.
    headers.cookie = `__Host-${session()}`;
    expect((await post("/api/ideas", headers)).status).toBe(200);
    expect((await post("/api/ideas", { ...headers, origin: "http://studio.example" })).status).toBe(403);
  });
});

describe("15.3: X-Forwarded-For counts only with TRUST_PROXY", () => {
  const keyOf = async (headers: Record<string, string>) =>
    (await proxy(req("/api/health", { headers }))).headers.get("x-middleware-request-x-promptsmith-client");

  it("without it, rotating the header buys no new bucket", async () => {
    const attempt = async (ip: string) =>
      await proxy(req("/api/auth/login", { method: "POST", headers: { "x-forwarded-for": ip }, body: "{}" }));
    expect((await attempt("192.0.2.1")).status).toBe(200);
    expect((await attempt("192.0.2.2")).status).toBe(200);
    await expectError(await attempt("192.0.2.3"), 429, "rate_limited");
    expect(await keyOf({ "x-forwarded-for": "192.0.2.9" })).toBe("ip:unknown");
  });

  it("keys on the socket's address the server hook vouches for, never on a client's copy", async () => {
    setPeerStamp({ secret: "hook-secret-for-this-test" });
    expect(await keyOf({ [PEER_HEADER]: "hook-secret-for-this-test 198.51.100.4" })).toBe("ip:198.51.100.4");
    expect(await keyOf({ [PEER_HEADER]: "guessed 198.51.100.5", "x-forwarded-for": "192.0.2.9" })).toBe("ip:unknown");
    // The secret never reaches routes.
    const res = await proxy(
      req("/api/health", { headers: { [PEER_HEADER]: "hook-secret-for-this-test 198.51.100.4" } }),
    );
    expect(res.headers.get("x-middleware-request-x-promptsmith-peer")).toBeNull();
  });

  it("with TRUST_PROXY=1 the entry the proxy appended counts, not what the client wrote before it", async () => {
    setEnv({ ...ENV, TRUST_PROXY: "1" });
    expect(await keyOf({ "x-forwarded-for": "203.0.113.1" })).toBe("ip:203.0.113.1");
    expect(await keyOf({ "x-forwarded-for": "10.9.9.9, 203.0.113.1" })).toBe("ip:203.0.113.1");
    setEnv({ ...ENV, TRUST_PROXY: "2" });
    expect(await keyOf({ "x-forwarded-for": "10.9.9.9, 203.0.113.1, 172.16.0.2" })).toBe("ip:203.0.113.1");
  });
});

describe("TRUST_PROXY in the configuration", () => {
  it.each([
    ["", 0],
    ["false", 0],
    ["off", 0],
    ["0", 0],
    ["true", 1],
    ["on", 1],
    ["1", 1],
    ["2", 2],
  ])("reads %j as %i hops", (value, hops) => {
    setEnv({ ...ENV, TRUST_PROXY: value });
    expect(getConfig().trustProxyHops).toBe(hops);
  });

  it("refuses anything else at start", () => {
    for (const value of ["yes", "-1", "11", "1.5"]) {
      setEnv({ ...ENV, TRUST_PROXY: value });
      expect(() => getConfig(), value).toThrow(/TRUST_PROXY/);
    }
  });
});

describe("15.6: strangers cannot lock the owner out of signing in", () => {
  const attempt = async (headers: Record<string, string>) =>
    await proxy(req("/api/auth/login", { method: "POST", headers, body: "{}" }));

  it("a browser that signed in before (device cookie) or is signed in still gets through a drained shared bucket", async () => {
    setEnv({ ...ENV, TRUST_PROXY: "1" });
    // Rotating X-Forwarded-For (as if through a trusted proxy, i.e. many real addresses) drains the shared bucket.
    let i = 0;
    while ((await attempt({ "x-forwarded-for": `10.0.${Math.floor(i / 250)}.${i % 250}` })).status === 200) i++;
    expect(i).toBeGreaterThanOrEqual(20);
    await expectError(await attempt({ "x-forwarded-for": "203.0.113.200" }), 429, "rate_limited");
    expect((await attempt({ "x-forwarded-for": "203.0.113.201", cookie: device() })).status).toBe(200);
    expect((await attempt({ "x-forwarded-for": "203.0.113.202", cookie: session() })).status).toBe(200);
    // A made-up device cookie proves nothing.
    await expectError(
      await attempt({ "x-forwarded-for": "203.0.113.203", cookie: "ps_device=d1.9.aaaaaaaaaaaaaaaaaaaa.b" }),
      429,
      "rate_limited",
    );
  });

  it("a device cookie still has its own per-client limit", async () => {
    const cookie = device();
    expect((await attempt({ cookie })).status).toBe(200);
    expect((await attempt({ cookie })).status).toBe(200);
    await expectError(await attempt({ cookie }), 429, "rate_limited");
  });
});

describe("15.5: sizes on the headers alone", () => {
  it("refuses a declared body over the cap on pages too", async () => {
    await expectError(
      await proxy(req("/gallery", { method: "POST", headers: { origin: SITE, "content-length": "1900000" } })),
      413,
      "too_large",
    );
  });
});
