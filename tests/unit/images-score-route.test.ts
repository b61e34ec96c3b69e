import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RouteModules, call, expectError, pick } from "./routes-call";

/* GET /api/images's score parameters (issue 11): sort, minScore, checked, hasMisses; GET /api/ideas's hasMisses; bad ones are 400. */

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-image-scores-"));
process.env.DATA_DIR = dataDir;
for (const name of ["DATABASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "JUDGE", "AUTO_CHECK"])
  delete process.env[name];

let routes: RouteModules;

beforeAll(async () => {
  const { resetConfigForTests } = await import("@/lib/config");
  resetConfigForTests();
  routes = {
    images: await import("@/app/api/images/route"),
    ideas: await import("@/app/api/ideas/route"),
    catalog: await import("@/app/api/catalog/route"),
  } as unknown as RouteModules;
}, 60_000);

afterAll(async () => {
  const { resetStoreForTests } = await import("@/lib/store");
  await resetStoreForTests();
});

const list = (query: string) => call(pick(routes, "images", "GET"), { path: `/api/images?${query}` });

describe("GET /api/images by score", () => {
  it("takes sort, minScore and checked", async () => {
    for (const query of [
      "sort=score",
      "sort=newest",
      "minScore=0",
      "minScore=0.8",
      "minScore=1",
      "minScore=.5",
      "checked=true",
      "checked=0",
      "hasMisses=true",
      "hasMisses=0",
      "sort=score&minScore=0.5&checked=true&hasMisses=1&limit=5",
    ]) {
      const res = await list(query);
      expect(res.status, query).toBe(200);
      expect(await res.json()).toEqual({ items: [], nextCursor: null });
    }
  });

  it("answers 400 for a bad sort, score, flag, or a cursor from the other order", async () => {
    for (const query of [
      "sort=best",
      "sort=",
      "minScore=1.5",
      "minScore=-0.1",
      "minScore=abc",
      "minScore=",
      "minScore=1e0",
      "checked=yes",
      "hasMisses=maybe",
      "sort=score&cursor=%%%",
      // A newest-order cursor ([createdAt, id]) is not a best-score one ([score, createdAt, id]).
      `sort=score&cursor=${Buffer.from(JSON.stringify(["2026-01-01T00:00:00.000Z", "img_1"])).toString("base64url")}`,
      `cursor=${Buffer.from(JSON.stringify([0.5, "2026-01-01T00:00:00.000Z", "img_1"])).toString("base64url")}`,
    ]) {
      await expectError(await list(query), 400, "invalid_request");
    }
  });

  it("lets the Ideas list narrow to ideas with misses", async () => {
    const ideas = (query: string) => call(pick(routes, "ideas", "GET"), { path: `/api/ideas?${query}` });
    for (const query of ["hasMisses=true", "hasMisses=0"]) expect((await ideas(query)).status, query).toBe(200);
    await expectError(await ideas("hasMisses=maybe"), 400, "invalid_request");
  });

  it("says in the catalog which judge is on and whether new images are checked by themselves", async () => {
    const catalog = await (await call(pick(routes, "catalog", "GET"))).json();
    // Nothing configured: the offline judge, and AUTO_CHECK on by default for it (it costs nothing).
    expect(catalog.judge).toEqual({ id: "offline", label: "Offline check (no model)", autoCheck: true });
  });
});
