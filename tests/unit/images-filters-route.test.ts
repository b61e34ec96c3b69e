import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RouteModules, call, expectError, pick } from "./routes-call";

/* GET /api/images's issue 12 filters: model, seed, size, from/to; a bad one is 400 with a message naming it. */

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-image-filters-"));
process.env.DATA_DIR = dataDir;
for (const name of ["DATABASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL"]) delete process.env[name];

let routes: RouteModules;

beforeAll(async () => {
  const { resetConfigForTests } = await import("@/lib/config");
  resetConfigForTests();
  routes = { images: await import("@/app/api/images/route") } as unknown as RouteModules;
}, 60_000);

afterAll(async () => {
  const { resetStoreForTests } = await import("@/lib/store");
  await resetStoreForTests();
});

const list = (query: string) => call(pick(routes, "images", "GET"), { path: `/api/images?${query}` });

describe("GET /api/images filters", () => {
  it("takes a model, a seed, a size and a date range", async () => {
    for (const query of [
      "model=flux1-dev",
      "seed=0",
      "seed=4000000000",
      "seed=-1",
      "size=1024x1024",
      "size=832x1216",
      "from=2025-06-01",
      "to=2025-06-30",
      "from=2025-06-01&to=2025-06-01",
      "from=2025-06-01T10:00:00Z&to=2025-06-01T11:00:00.500Z",
      "model=sd_xl_base_1.0&seed=7&size=512x512&from=2025-01-01&to=2025-12-31&favorite=1&q=fox&limit=5",
    ]) {
      const res = await list(query);
      expect(res.status, query).toBe(200);
      expect(await res.json()).toEqual({ items: [], nextCursor: null });
    }
  });

  it("answers 400, saying what is wrong, for a bad one", async () => {
    const cases: Array<[string, RegExp]> = [
      ["seed=abc", /seed is a whole number/],
      ["seed=1.5", /seed is a whole number/],
      ["seed=99999999999999999", /seed is a whole number/],
      ["seed=", /seed is a whole number/],
      ["size=1024", /WIDTHxHEIGHT/],
      ["size=0x512", /WIDTHxHEIGHT/],
      ["size=1024X1024", /WIDTHxHEIGHT/],
      ["size=big", /WIDTHxHEIGHT/],
      ["from=yesterday", /YYYY-MM-DD/],
      ["to=2025-13-45", /YYYY-MM-DD/],
      ["from=2025-07-01&to=2025-06-01", /from must not come after to/],
      ["model=", /model is empty/],
      [`model=${"m".repeat(129)}`, /model/],
    ];
    for (const [query, message] of cases) {
      const res = await list(query);
      const body = await expectError(res, 400, "invalid_request");
      expect(JSON.stringify(body), query).toMatch(message);
    }
  });
});
