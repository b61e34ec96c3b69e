import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { ErrorBodySchema } from "@/lib/schemas/api";
import { OPEN_REDIRECT_CORPUS } from "./security-corpus";

const ENV = {
  APP_PASSWORD: "route-test-password",
  SESSION_SECRET: "",
  DATA_DIR: mkdtempSync(path.join(tmpdir(), "promptsmith-auth-")),
};
const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));
function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
}
beforeEach(() => setEnv(ENV));
afterAll(() => setEnv(saved));

const login = (await import("@/app/api/auth/login/route")).POST as unknown as (
  r: Request,
  c: { params: Promise<object> },
) => Promise<Response>;
const logout = (await import("@/app/api/auth/logout/route")).POST as unknown as typeof login;
const { hasValidSession } = await import("@/lib/auth/server");

const ctx = { params: Promise.resolve({}) };
function post(body: string, type: string, headers: Record<string, string> = {}) {
  return new Request("http://127.0.0.1:3000/api/auth/login", {
    method: "POST",
    headers: { "content-type": type, ...headers },
    body,
  });
}
const json = (o: unknown, h?: Record<string, string>) => post(JSON.stringify(o), "application/json", h);
const form = (o: Record<string, string>) =>
  post(new URLSearchParams(o).toString(), "application/x-www-form-urlencoded");

describe("POST /api/auth/login", () => {
  it("refuses a wrong password with 401 unauthorized and no cookie", async () => {
    const res = await login(json({ password: "nope" }), ctx);
    expect(res.status).toBe(401);
    expect(ErrorBodySchema.parse(await res.json()).error).toMatchObject({
      code: "unauthorized",
      message: "That password is not right.",
    });
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("signs in with the right one: an httpOnly SameSite=Lax cookie that opens the gate", async () => {
    const res = await login(json({ password: ENV.APP_PASSWORD, next: "/gallery" }), ctx);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, next: "/gallery" });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^ps_session=v1\./);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Secure");
    const value = cookie.split(";")[0] ?? "";
    expect(hasValidSession(new Headers({ cookie: value }))).toBe(true);
  });

  it("marks the cookie Secure behind an https proxy", async () => {
    const res = await login(json({ password: ENV.APP_PASSWORD }, { "x-forwarded-proto": "https" }), ctx);
    expect(res.headers.get("set-cookie")).toMatch(/; Secure$/);
  });

  it("never sends anyone off-site afterwards", async () => {
    const res = await login(json({ password: ENV.APP_PASSWORD, next: "//evil.example/x" }), ctx);
    expect((await res.json()).next).toBe("/");
  });

  it.each(OPEN_REDIRECT_CORPUS)("keeps next=%j on this site, as JSON and as a form (303)", async (next) => {
    const site = "http://127.0.0.1:3000";
    const answer = await login(json({ password: ENV.APP_PASSWORD, next }), ctx);
    if (next.includes("\u0000")) {
      // U+0000 is refused in every text field of the API (lib/http/nul-text.ts): a 400, no redirect at all.
      expect(answer.status).toBe(400);
      expect(ErrorBodySchema.parse(await answer.json()).error.message).toMatch(/^next: .*U\+0000/);
    } else {
      const viaJson = (await answer.json()) as { next: string };
      expect(viaJson.next.startsWith("/") && !viaJson.next.startsWith("//")).toBe(true);
      expect(new URL(viaJson.next, site).origin).toBe(site);
    }
    const viaForm = await login(form({ password: ENV.APP_PASSWORD, next }), ctx);
    expect(viaForm.status).toBe(303);
    expect(new URL(viaForm.headers.get("location") ?? "", site).origin).toBe(site);
    const wrong = await login(form({ password: "nope", next }), ctx);
    const back = new URL(wrong.headers.get("location") ?? "", site);
    expect(back.origin).toBe(site);
    expect(back.pathname).toBe("/login");
  });

  it("remembers the browser with a device cookie, and uses __Host- names over https", async () => {
    const plain = await login(json({ password: ENV.APP_PASSWORD }), ctx);
    const cookies = plain.headers.getSetCookie();
    expect(cookies.map((c) => c.split("=")[0])).toEqual(["ps_session", "ps_device"]);
    expect(cookies[1]).toContain(`Max-Age=${365 * 24 * 3600}`);
    const secure = await login(json({ password: ENV.APP_PASSWORD }, { "x-forwarded-proto": "https" }), ctx);
    const names = secure.headers.getSetCookie().map((c) => c.split("=")[0]);
    expect(names).toEqual(["__Host-ps_session", "__Host-ps_device"]);
    const session = secure.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    expect(hasValidSession(new Headers({ cookie: session, "x-forwarded-proto": "https" }))).toBe(true);
    const plainName = session.replace("__Host-", "");
    expect(hasValidSession(new Headers({ cookie: plainName, "x-forwarded-proto": "https" }))).toBe(false);
  });

  it("a changed password ends the sessions signed before", async () => {
    const res = await login(json({ password: ENV.APP_PASSWORD }), ctx);
    const value = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    setEnv({ ...ENV, APP_PASSWORD: "a-new-password" });
    expect(hasValidSession(new Headers({ cookie: value }))).toBe(false);
  });

  it("works as a plain form without scripts: 303 on, or back with an error", async () => {
    const ok = await login(form({ password: ENV.APP_PASSWORD, next: "/ideas/x?version=y" }), ctx);
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/ideas/x?version=y");
    expect(ok.headers.get("set-cookie")).toMatch(/^ps_session=/);
    const wrong = await login(form({ password: "nope", next: "/gallery" }), ctx);
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get("location")).toBe("/login?error=wrong&next=%2Fgallery");
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const offsite = await login(form({ password: ENV.APP_PASSWORD, next: "https://evil.example" }), ctx);
    expect(offsite.headers.get("location")).toBe("/");
  });

  it("refuses bodies that are not a password", async () => {
    expect((await login(json({ password: "" }), ctx)).status).toBe(400);
    expect((await login(json({ password: ENV.APP_PASSWORD, extra: 1 }), ctx)).status).toBe(400);
    expect((await login(json({ password: "x".repeat(2000) }), ctx)).status).toBe(400);
    expect((await login(post("not json", "application/json"), ctx)).status).toBe(400);
  });

  it("says sign-in is off when APP_PASSWORD is unset", async () => {
    setEnv({ ...ENV, APP_PASSWORD: undefined });
    const res = await login(json({ password: "anything" }), ctx);
    expect(res.status).toBe(404);
  });
});

describe("POST /api/auth/logout", () => {
  it("clears the cookie: 204 for scripts, 303 to /login for the Sign out form", async () => {
    const script = await logout(new Request("http://x/api/auth/logout", { method: "POST" }), ctx);
    expect(script.status).toBe(204);
    expect(script.headers.get("set-cookie")).toMatch(/^ps_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax/);
    const viaForm = await logout(
      new Request("http://x/api/auth/logout", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "",
      }),
      ctx,
    );
    expect(viaForm.status).toBe(303);
    expect(viaForm.headers.get("location")).toBe("/login");
  });
});
