/**
 * Share links through the password gate (issue 10), as proxy.ts answers: with APP_PASSWORD set,
 * /s/<token> pages and /api/s/<token> routes pass without a session; the owner's /api/shares and
 * every look-alike path stay behind it; a visitor's feedback post still needs this site's origin.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envEach, expectError, req } from "./harness/proxy";

const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde";

envEach({
  APP_PASSWORD: "share-gate-password",
  API_TOKENS: "",
  SESSION_SECRET: "",
  DATA_DIR: mkdtempSync(path.join(tmpdir(), "promptsmith-share-gate-")),
});

const { proxy } = await import("@/proxy");

describe("proxy: share links past the gate", () => {
  it("lets a visitor with no session open /s/<token> and /api/s/<token>…", async () => {
    // Past the gate, a page link no share has is answered by the proxy itself: a real 404 page, not
    // the sign-in redirect (lib/http/share-page-answer.ts; a streamed page cannot set its status).
    expect((await proxy(req(`/s/${TOKEN}`))).status).toBe(404);
    for (const p of [`/api/s/${TOKEN}`, `/api/s/${TOKEN}/images/img_1/file`, `/api/s/${TOKEN}/images/img_1/thumb`]) {
      expect((await proxy(req(p))).status, p).toBe(200);
    }
    expect((await proxy(req("/api/s/x"))).status).toBe(200);
    expect((await proxy(req("/s/x"))).status).toBe(404);
  });

  it("keeps the owner's share routes and look-alikes behind it", async () => {
    for (const p of ["/api/shares", "/api/shares/x", "/api/sx", "/api/s", "/api/s/", "/api/s/../ideas"]) {
      await expectError(await proxy(req(p)), 401, "unauthorized");
    }
    await expectError(await proxy(req("/api/shares", { method: "POST", body: "{}" })), 401, "unauthorized");
    for (const p of ["/shares", "/sx", "/s", "/s/../gallery"]) {
      const res = await proxy(req(p));
      expect(res.status, p).toBe(307);
      expect(new URL(res.headers.get("location") ?? "").pathname).toBe("/login");
    }
  });

  it("still refuses a cross-site post to a share link's feedback", async () => {
    const body = JSON.stringify({ name: "Ann", comment: "hi" });
    const headers = {
      "content-type": "application/json",
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    };
    await expectError(
      await proxy(req(`/api/s/${TOKEN}/feedback`, { method: "POST", headers, body })),
      403,
      "forbidden",
    );
    const same = {
      "content-type": "application/json",
      host: "127.0.0.1:3000",
      origin: "http://127.0.0.1:3000",
      "sec-fetch-site": "same-origin",
    };
    expect((await proxy(req(`/api/s/${TOKEN}/feedback`, { method: "POST", headers: same, body }))).status).toBe(200);
  });
});
