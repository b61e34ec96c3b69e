/**
 * Issue 15 against the production server: open redirects, the proxy's 500, cross-site posts,
 * oversized uploads refused on their headers, sign-in lockout, what a visitor who is not signed
 * in sees, and X-Forwarded-For on a server that does not trust it.
 */
import net from "node:net";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { OFFLINE_PORT, SECURE, SECURE_PORT } from "../../playwright.config";
import { OPEN_REDIRECT_CORPUS } from "../unit/security-corpus";

const SITE = `http://127.0.0.1:${SECURE_PORT}`;
/** Another app on the same host (an A1111 or ComfyUI UI): same site, another origin. */
const NEIGHBOUR = "http://127.0.0.1:7860";

async function sessionCookie(request: APIRequestContext, headers: Record<string, string> = {}): Promise<string> {
  const res = await request.post("/api/auth/login", { data: { password: SECURE.password }, headers });
  expect(res.status()).toBe(200);
  const cookies = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie");
  return cookies.map((c) => c.value.split(";")[0]).join("; ");
}

function expectThisSite(location: string | undefined) {
  expect(location).toBeTruthy();
  expect(new URL(location ?? "", SITE).origin).toBe(SITE);
}

test("15.1: /login and the login endpoint never send anyone to another site", async ({ request }) => {
  const cookie = await sessionCookie(request, { "x-forwarded-for": "198.51.100.1" });
  for (const next of OPEN_REDIRECT_CORPUS) {
    const page = await request.get(`/login?next=${encodeURIComponent(next)}`, { headers: { cookie }, maxRedirects: 0 });
    expect(page.status(), next).toBe(307);
    expectThisSite(page.headers().location);
    const json = await request.post("/api/auth/login", {
      data: { password: SECURE.password, next },
      headers: { "x-forwarded-for": "198.51.100.2" },
    });
    if (next.includes("\u0000")) {
      // U+0000 is refused in every field of the API (it cannot be stored on Postgres): no sign-in, no redirect.
      expect(json.status(), next).toBe(400);
      expect(((await json.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    } else {
      const body = (await json.json()) as { next: string };
      expect(body.next.startsWith("/") && !body.next.startsWith("//"), next).toBe(true);
      expectThisSite(body.next);
    }
    const form = await request.post("/api/auth/login", {
      form: { password: SECURE.password, next },
      headers: { "x-forwarded-for": "198.51.100.3" },
      maxRedirects: 0,
    });
    expect(form.status(), next).toBe(303);
    expectThisSite(form.headers().location);
  }
});

test("15.2: the input that threw in the proxy gets a redirect home with the security headers", async ({ request }) => {
  const cookie = await sessionCookie(request, { "x-forwarded-for": "198.51.100.4" });
  for (const headers of [{ cookie }, {} as Record<string, string>]) {
    const res = await request.get("/login?next=/.//evil.example%252f..", { headers, maxRedirects: 0 });
    expect(res.status()).not.toBe(500);
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["x-frame-options"]).toBe("DENY");
    if (res.status() === 307) expectThisSite(res.headers().location);
  }
});

test("15.4: a form on another origin of this host cannot sign out, or use the API with the cookie", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByLabel("Password", { exact: true }).fill(SECURE.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);

  // The neighbour's page, served by the browser's routing: its forms post to the real server.
  await page.route(`${NEIGHBOUR}/**`, (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>neighbour</title><p>hi</p>" }),
  );
  for (const action of ["/api/auth/logout", "/api/library/x1/use", "/api/generations/x1/cancel"]) {
    await page.goto(`${NEIGHBOUR}/attack`);
    const answer = page.waitForResponse((r) => r.url() === `${SITE}${action}`);
    await page.evaluate(
      ({ target }) => {
        const form = document.createElement("form");
        form.method = "post";
        form.action = target;
        form.enctype = "text/plain";
        const input = document.createElement("input");
        input.name = "x";
        input.value = "1";
        form.append(input);
        document.body.append(form);
        form.submit();
      },
      { target: `${SITE}${action}` },
    );
    const res = await answer;
    expect(res.status(), action).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  }
  // Still signed in: the cross-site Sign out did nothing.
  await page.goto(`${SITE}/gallery`);
  await expect(page).toHaveURL(`${SITE}/gallery`);
  // This site's own Sign out still works.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
});

test("15.4: the sign-in form works without scripts (a same-origin form post)", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: SITE });
  const page = await context.newPage();
  await page.goto("/login?next=%2Fgallery");
  await page.getByLabel("Password", { exact: true }).fill(SECURE.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${SITE}/gallery`);
  await context.close();
});

test("15.4: cross-origin state changes are refused without the gate too", async ({ request }) => {
  const res = await request.post(`http://127.0.0.1:${OFFLINE_PORT}/api/refine`, {
    headers: { origin: "http://127.0.0.1:8188", "content-type": "text/plain" },
    data: '{"idea":"a fox"}',
  });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
});

/** Sends headers that promise `length` bytes and no body; resolves with the answer's status line and when it came. */
function headersOnly(port: number, length: number, extra = ""): Promise<{ status: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () =>
      socket.write(
        `POST /api/ideas HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`,
      ),
    );
    let text = "";
    socket.on("data", (c) => {
      text += c.toString("latin1");
      if (text.includes("\r\n")) {
        resolve({ status: text.split("\r\n")[0] ?? "", ms: Date.now() - started });
        socket.destroy();
      }
    });
    socket.on("error", reject);
    setTimeout(() => {
      socket.destroy();
      resolve({ status: "no answer", ms: Date.now() - started });
    }, 5000);
  });
}

test("15.5: a declared body over the cap is refused on its headers, before any of it arrives", async () => {
  const answer = await headersOnly(SECURE_PORT, 1_900_000);
  expect(answer.status).toMatch(/^HTTP\/1\.1 413 /);
  expect(answer.ms).toBeLessThan(2000);
});

test("15.7: a visitor who is not signed in sees no Sign out and no setup banner", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expect(page.getByText("Running on embedded defaults")).toHaveCount(0);
  await page.getByLabel("Password", { exact: true }).fill(SECURE.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
});

test("15.3: without TRUST_PROXY a rotated X-Forwarded-For is no new client", async ({ request }) => {
  // The offline server has no password and the default sign-in limit (5): every attempt is one client's.
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++) {
    const res = await request.post(`http://127.0.0.1:${OFFLINE_PORT}/api/auth/login`, {
      data: { password: "x" },
      headers: { "x-forwarded-for": `192.0.2.${i + 1}` },
    });
    statuses.push(res.status());
  }
  expect(statuses).toContain(429);
});

test("15.6: over https the cookies carry the __Host- prefix", async ({ request }) => {
  const res = await request.post("/api/auth/login", {
    data: { password: SECURE.password },
    headers: { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.9" },
  });
  const names = res
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value.split("=")[0]);
  expect(names).toEqual(["__Host-ps_session", "__Host-ps_device"]);
});

// Last: it drains the shared bucket (it refills within seconds, before the next spec signs in).
test("15.6: while strangers drain the shared sign-in bucket, a browser that signed in before still can", async ({
  request,
}) => {
  // Signed in once on this browser: it holds a device cookie (its session ends at Sign out).
  const first = await request.post("/api/auth/login", {
    data: { password: SECURE.password },
    headers: { "x-forwarded-for": "203.0.113.250" },
  });
  const device = first
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value.split(";")[0] ?? "")
    .find((c) => c.startsWith("ps_device="));
  expect(device).toBeTruthy();
  // Rotating X-Forwarded-For (TRUST_PROXY=1 on this server: as if through a proxy, from many addresses).
  let refused = 0;
  for (let i = 0; i < SECURE.loginBurst * 12 && refused < 5; i++) {
    const res = await request.post("/api/auth/login", {
      data: { password: `guess-${i}` },
      headers: { "x-forwarded-for": `10.1.${Math.floor(i / 250)}.${i % 250}` },
    });
    if (res.status() === 429) refused++;
  }
  expect(refused).toBe(5);
  const owner = await request.post("/api/auth/login", {
    data: { password: SECURE.password },
    headers: { "x-forwarded-for": "203.0.113.251", cookie: device ?? "" },
  });
  expect(owner.status()).toBe(200);
});
