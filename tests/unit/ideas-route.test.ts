/** GET /api/ideas (issue 10): the Ideas page's query parameters, and 400 for bad ones. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdeaSummarySchema } from "@/lib/schemas";
import { call, expectError, type Handler } from "./routes-call";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "promptsmith-ideas-route-"));
delete process.env.DATABASE_URL;
delete process.env.OPENAI_API_KEY;

let list: Handler;
let refine: Handler;

beforeAll(async () => {
  const { resetConfigForTests } = await import("@/lib/config");
  resetConfigForTests();
  list = (await import("@/app/api/ideas/route")).GET as unknown as Handler;
  refine = (await import("@/app/api/refine/route")).POST as unknown as Handler;
}, 60_000);

afterAll(async () => {
  const { resetStoreForTests } = await import("@/lib/store");
  await resetStoreForTests();
});

async function newIdea(idea: string, style?: string) {
  const res = await call(refine, {
    method: "POST",
    body: { idea, ...(style ? { style } : {}) },
    headers: { accept: "application/json" },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { ideaId: string };
}

const get = async (query: string) => {
  const res = await call(list, { path: `/api/ideas${query}` });
  expect(res.status, query).toBe(200);
  return (await res.json()) as { items: unknown[]; nextCursor: string | null };
};

describe("GET /api/ideas", () => {
  it("searches, filters and answers summaries with the latest prompt, last activity and thumbnails", async () => {
    const heron = await newIdea("a grey heron among reeds", "watercolor");
    const lamp = await newIdea("a brass lamp on a desk");
    const all = await get("");
    expect(all.items.map((i) => IdeaSummarySchema.parse(i).id)).toEqual([lamp.ideaId, heron.ideaId]);
    expect(IdeaSummarySchema.parse(all.items[1])).toMatchObject({ thumbs: [], versionCount: 1 });
    expect((await get("?q=her")).items).toHaveLength(1);
    expect((await get("?q=heron&style=watercolor&hasImages=false&starred=0")).items).toHaveLength(1);
    expect((await get("?style=watercolor")).items).toHaveLength(1);
    expect((await get("?hasImages=true")).items).toHaveLength(0);
    expect((await get("?backend=offline")).items).toHaveLength(0);
    expect((await get("?from=2000-01-01&to=2999-12-31")).items).toHaveLength(2);
    expect((await get("?to=2000-01-01")).items).toHaveLength(0);
    expect((await get("?from=2999-01-01T00:00:00Z")).items).toHaveLength(0);
    expect((await get(`?q=${encodeURIComponent('"*()&|!:')}`)).items).toHaveLength(2);
    const first = await get("?limit=1");
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await get(`?limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => IdeaSummarySchema.parse(i).id)).toEqual([heron.ideaId]);
  });

  it("refuses bad parameters with 400", async () => {
    for (const query of [
      "?style=not-a-style",
      "?hasImages=maybe",
      "?starred=yes",
      "?from=yesterday",
      "?to=2026-13-45",
      "?from=2026-01-01T99:00",
      "?backend=",
      "?unknown=1",
      "?limit=0",
      "?cursor=%%%",
      `?q=${"x".repeat(201)}`,
    ]) {
      await expectError(await call(list, { path: `/api/ideas${query}` }), 400, "invalid_request");
    }
  });
});
