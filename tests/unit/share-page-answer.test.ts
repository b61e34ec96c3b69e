/**
 * proxy.ts's answer for a share link's page that opens nothing (lib/http/share-page-answer.ts):
 * a page cannot set its status, so an unknown or revoked link must get a real 404 and an expired
 * one a real 410 here, the same plain page for unknown and revoked, and a live link nothing (the
 * page renders it).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharePageAnswer } from "@/lib/http/share-page-answer";
import { hashShareToken, newShareToken } from "@/lib/sharing/share-token";
import { getStore, resetStoreForTests } from "@/lib/store";
import { promptVersion } from "./harness/fixtures";
import { setEnv } from "./harness/proxy";

const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
const live = newShareToken();
const revoked = newShareToken();
const expired = newShareToken();

function share(id: string, tokenHash: string, extra: { expiresAt?: string | null; revokedAt?: string | null } = {}) {
  return {
    id,
    tokenHash,
    target: { kind: "idea" as const, id: "i1" },
    ideaId: "i1",
    label: "Idea: Fox",
    expiresAt: null,
    feedback: false,
    createdAt: "2026-01-01T00:00:00.000Z",
    revokedAt: null,
    ...extra,
  };
}

beforeAll(async () => {
  await resetStoreForTests();
  setEnv({ DATA_DIR: mkdtempSync(path.join(tmpdir(), "promptsmith-share-page-")), DATABASE_URL: undefined });
  const store = getStore();
  await store.createIdeaWithVersion(
    { id: "i1", text: "a fox", title: "Fox", createdAt: "2026-01-01T00:00:00.000Z" },
    promptVersion(),
  );
  await store.createShare(share("s1", live.tokenHash));
  await store.createShare(share("s2", revoked.tokenHash, { revokedAt: "2026-01-02T00:00:00.000Z" }));
  await store.createShare(share("s3", expired.tokenHash, { expiresAt: "2026-01-02T00:00:00.000Z" }));
});
afterAll(async () => {
  await resetStoreForTests();
  setEnv(saved);
});

describe("the proxy's answer for a share link's page", () => {
  it("lets a live link through to the page", async () => {
    expect(await sharePageAnswer(`/s/${live.token}`, "GET", "n0nce")).toBeUndefined();
    expect(hashShareToken(live.token)).toBe(live.tokenHash);
  });

  it("answers an unknown, a malformed and a revoked link with the same plain 404", async () => {
    const bodies: string[] = [];
    for (const p of [`/s/${"B".repeat(43)}`, "/s/x", `/s/${revoked.token}`, `/s/${revoked.token}/`, "/s/%E0%A4%A"]) {
      const res = await sharePageAnswer(p, "GET", "n0nce");
      expect(res?.status, p).toBe(404);
      expect(res?.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res?.headers.get("x-robots-tag")).toBe("noindex, nofollow");
      expect(res?.headers.get("content-security-policy")).toContain("style-src 'nonce-n0nce'");
      bodies.push((await res?.text()) ?? "");
    }
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain("<h1>This link does not work</h1>");
    expect(bodies[0]).toContain('<style nonce="n0nce">');
    expect(bodies[0]).not.toContain("<a ");
  });

  it("answers an expired link with 410", async () => {
    const res = await sharePageAnswer(`/s/${expired.token}`, "GET", "n0nce");
    expect(res?.status).toBe(410);
    expect(await res?.text()).toContain("<h1>This link has expired</h1>");
    expect((await sharePageAnswer(`/s/${expired.token}`, "HEAD", "n0nce"))?.status).toBe(410);
  });

  it("leaves every other path and method alone", async () => {
    for (const [p, m] of [
      [`/s/${expired.token}`, "POST"],
      [`/s/${expired.token}/more`, "GET"],
      [`/api/s/${expired.token}`, "GET"],
      ["/shares", "GET"],
      ["/s", "GET"],
    ] as const) {
      expect(await sharePageAnswer(p, m, "n0nce"), `${m} ${p}`).toBeUndefined();
    }
  });
});
