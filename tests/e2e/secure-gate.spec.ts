import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SECURE } from "../../playwright.config";

/** Under `next dev` the page CSP must allow eval (React's dev tooling); set when running this spec against one. */
const DEV_SERVER = process.env.E2E_NEXT_DEV === "1";
const APP = path.resolve(__dirname, "../../app");
const PUBLIC_API = new Set(["/api/health", "/api/ready", "/api/auth/login", "/api/auth/logout"]);

function walk(dir: string, file: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, file, found);
    else if (entry.name === file) found.push(full);
  }
  return found;
}

/** A URL path for a route file: dynamic segments get made-up values (the gate answers before the route). */
function urlPath(file: string): string {
  const rel = path.relative(APP, path.dirname(file)).split(path.sep).filter(Boolean);
  const parts = rel.map((seg) => (seg.startsWith("[...") ? "no/such/thing" : seg.startsWith("[") ? "x1" : seg));
  return `/${parts.join("/")}`;
}

/** Every API route and method in app/api, read from the files, so a new route cannot slip past this test. */
function apiRoutes(): Array<{ method: string; path: string }> {
  const out: Array<{ method: string; path: string }> = [];
  for (const file of walk(path.join(APP, "api"), "route.ts")) {
    const source = readFileSync(file, "utf8");
    const methods = new Set<string>();
    for (const m of source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g))
      methods.add(m[1] as string);
    for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
      for (const a of (m[1] ?? "").matchAll(/as\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(a[1] as string);
    const p = urlPath(file);
    // Share links are open past the gate by design (issue 10): secure-share.spec.ts tests them.
    if (PUBLIC_API.has(p) || isShareLink(p)) continue;
    for (const method of methods) out.push({ method, path: p });
  }
  return out;
}

/** Every page in app/, except the sign-in page itself. */
function pages(): string[] {
  return walk(APP, "page.tsx")
    .map(urlPath)
    .map((p) => (p === "/." ? "/" : p))
    .filter((p) => p !== "/login" && !p.startsWith("/api") && !isShareLink(p));
}

/** `/s/<token>` pages and `/api/s/<token>/…` routes: what a share link opens, without a session. */
function isShareLink(p: string): boolean {
  return /^\/(?:api\/)?s\//.test(p);
}

test("without a session every page sends the browser to sign in, and comes back after", async ({ request }) => {
  const list = pages();
  expect(list).toEqual(expect.arrayContaining(["/", "/gallery", "/ideas/x1", "/images/x1"]));
  for (const p of [...list, "/no-such-page"]) {
    const res = await request.get(p, { maxRedirects: 0 });
    expect(res.status(), p).toBe(307);
    const location = new URL(res.headers().location ?? "", "http://h");
    expect(location.pathname, p).toBe("/login");
    expect(location.searchParams.get("next") ?? "/", p).toBe(p);
  }
});

test("without a session or token every API route answers 401 in the error shape", async ({ request }) => {
  const routes = apiRoutes();
  expect(routes.length).toBeGreaterThan(20);
  expect(routes).toEqual(expect.arrayContaining([{ method: "POST", path: "/api/refine" }]));
  const forged = `ps_session=v1.99999999999.${"a".repeat(24)}.${"b".repeat(43)}`;
  for (const { method, path: p } of routes) {
    const variants: Array<Record<string, string>> = [
      {},
      { cookie: forged },
      { authorization: "Bearer not-a-configured-token" },
    ];
    for (const headers of variants) {
      const res = await request.fetch(p, {
        method,
        headers: { "content-type": "application/json", ...headers },
        data: method === "GET" || method === "DELETE" ? undefined : "{}",
        maxRedirects: 0,
      });
      expect(res.status(), `${method} ${p} ${JSON.stringify(headers)}`).toBe(401);
      const body = await res.json();
      expect(body.error.code).toBe("unauthorized");
      expect(typeof body.error.message).toBe("string");
    }
  }
  // Health stays open for load balancers.
  expect((await request.get("/api/health")).status()).toBe(200);
});

test("an API token from API_TOKENS reaches the API, for scripts", async ({ request }) => {
  const auth = { authorization: `Bearer ${SECURE.tokens[0]}` };
  const ideas = await request.get("/api/ideas", { headers: auth });
  expect(ideas.status()).toBe(200);
  expect(await ideas.json()).toHaveProperty("items");
  const refined = await request.post("/api/refine", {
    headers: { ...auth, accept: "application/json" },
    data: { idea: "a paper boat on a puddle" },
  });
  expect(refined.status()).toBe(201);
  // A token does not open pages (they need a session to sign out of).
  expect((await request.get("/gallery", { headers: auth, maxRedirects: 0 })).status()).toBe(307);
});

test("hammering POST /api/refine ends in 429 rate_limited with Retry-After", async ({ request }) => {
  const auth = { authorization: `Bearer ${SECURE.tokens[1]}`, accept: "application/json" };
  let ok = 0;
  let refused: Awaited<ReturnType<typeof request.post>> | undefined;
  for (let i = 0; i < 20 && !refused; i++) {
    const res = await request.post("/api/refine", { headers: auth, data: { idea: `a lantern number ${i}` } });
    if (res.status() === 429) refused = res;
    else {
      expect(res.status()).toBe(201);
      ok++;
    }
  }
  if (!refused) throw new Error("no 429 after 20 refinements");
  // The burst, plus at most a token or two refilled while the loop ran.
  expect(ok).toBeGreaterThanOrEqual(SECURE.refineBurst);
  expect(ok).toBeLessThanOrEqual(SECURE.refineBurst + 2);
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("rate_limited");
  expect(body.error.message).toMatch(/try again in \d+ seconds?/);
  // The other token's bucket is its own.
  const other = await request.get("/api/ideas", { headers: { authorization: `Bearer ${SECURE.tokens[0]}` } });
  expect(other.status()).toBe(200);
});

test("sign-in attempts are rate-limited per client, before the password is checked", async ({ request }) => {
  // A client of its own (as a reverse proxy would say), so the browser tests keep their attempts.
  const headers = { "x-forwarded-for": "192.0.2.201", accept: "application/json" };
  let refused: Awaited<ReturnType<typeof request.post>> | undefined;
  let attempts = 0;
  while (!refused && attempts < SECURE.loginBurst + 5) {
    attempts++;
    const res = await request.post("/api/auth/login", { headers, data: { password: `guess-${attempts}` } });
    if (res.status() === 429) refused = res;
    else expect(res.status()).toBe(401);
  }
  if (!refused) throw new Error(`no 429 after ${attempts} sign-in attempts`);
  expect(attempts).toBeGreaterThan(SECURE.loginBurst);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
  // Even the right password waits now: the limit is not an oracle.
  const right = await request.post("/api/auth/login", { headers, data: { password: SECURE.password } });
  expect(right.status()).toBe(429);
  expect(right.headers()["set-cookie"]).toBeUndefined();
});

test("pages carry a nonce CSP without unsafe-eval and the security headers; API answers nosniff", async ({
  request,
}) => {
  const res = await request.get("/login");
  expect(res.status()).toBe(200);
  const h = res.headers();
  const csp = h["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  if (!DEV_SERVER) expect(csp).not.toContain("unsafe-eval");
  for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"])
    expect(csp).toContain(d);
  expect(csp).toContain("img-src 'self' data: blob:");
  expect(csp).toContain("connect-src 'self'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["permissions-policy"]).toContain("camera=()");

  // Every script Next wrote into the page carries this response's nonce.
  const html = await res.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // A fresh nonce per response.
  const again = (await request.get("/login")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);

  const api = await request.get("/api/health");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
  const denied = await request.get("/api/ideas");
  expect(denied.headers()["x-content-type-options"]).toBe("nosniff");
});
