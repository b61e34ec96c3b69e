/**
 * Issue 13: `seed: -1` is "random", the convention A1111 and ComfyUI users send. The server draws
 * the seed, so the generation (and the image, and its PNG) record the one it ran with.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ComparisonSchema, GenerationSchema, GenerationWithImagesSchema, PromptVersionSchema } from "@/lib/schemas";

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-seed-"));
process.env.DATA_DIR = dataDir;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

function call(handler: Handler, body?: unknown, params: Record<string, string> = {}) {
  const init: RequestInit =
    body === undefined
      ? {}
      : {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify(body),
        };
  return handler(new Request("http://localhost/", init), { params: Promise.resolve(params) });
}

let refine: Handler;
let generate: Handler;
let generation: Handler;
let comparisons: Handler;

beforeAll(async () => {
  const { resetConfigForTests } = await import("@/lib/config");
  resetConfigForTests();
  refine = (await import("@/app/api/refine/route")).POST as unknown as Handler;
  generate = (await import("@/app/api/generate/route")).POST as unknown as Handler;
  generation = (await import("@/app/api/generations/[id]/route")).GET as unknown as Handler;
  comparisons = (await import("@/app/api/comparisons/route")).POST as unknown as Handler;
}, 60_000);

afterAll(async () => {
  const { resetStoreForTests } = await import("@/lib/store");
  await resetStoreForTests();
});

async function newVersion(idea: string) {
  const res = await call(refine, { idea });
  expect(res.status).toBe(201);
  return PromptVersionSchema.parse(await res.json());
}

async function finished(id: string) {
  for (let i = 0; i < 200; i++) {
    const g = GenerationWithImagesSchema.parse(await (await call(generation, undefined, { id })).json());
    if (g.status !== "queued" && g.status !== "running") return g;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("generation did not finish");
}

describe("seed -1 over the API", () => {
  it("generates with a drawn seed, which the generation and its images record", async () => {
    const v = await newVersion("a lighthouse at dusk");
    const seeds = new Set<number>();
    for (let i = 0; i < 2; i++) {
      const res = await call(generate, {
        promptId: v.id,
        backend: "offline",
        params: { size: "512x512", n: 2, seed: -1 },
      });
      expect(res.status).toBe(202);
      const queued = GenerationSchema.parse(await res.json());
      const seed = queued.params.seed;
      expect(seed).toBeGreaterThanOrEqual(0);
      expect(seed).toBeLessThan(2 ** 32);
      const done = await finished(queued.id);
      expect(done.status).toBe("succeeded");
      expect(done.params.seed).toBe(seed);
      // The offline backend numbers a batch from its seed, as A1111 does.
      expect(done.images.map((img) => img.seed)).toEqual([seed, (seed as number) + 1]);
      seeds.add(seed as number);
    }
    expect(seeds.size).toBe(2);
  });

  it("refuses -2 and anything below, naming the seed", async () => {
    const v = await newVersion("a lighthouse at dawn");
    const res = await call(generate, { promptId: v.id, backend: "offline", params: { seed: -2 } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("seed");
  });

  it("a comparison with seed -1 draws one seed, shared by every cell", async () => {
    const a = await newVersion("a red kite over a hill");
    const refined = await call(refine, { parentId: a.id, instruction: "make it dusk" });
    const child = PromptVersionSchema.parse(await refined.json());
    const res = await call(comparisons, { versionIds: [a.id, child.id], backend: "offline", params: { seed: -1 } });
    expect(res.status).toBe(201);
    const c = ComparisonSchema.parse(await res.json());
    expect(c.seed).toBeGreaterThanOrEqual(0);
    const gens = await Promise.all(c.cells.map((cell) => finished(cell.generationId)));
    expect(gens.map((g) => g.params.seed)).toEqual(c.cells.map(() => c.seed));
    expect(gens.map((g) => g.images.map((i) => i.seed))).toEqual(c.cells.map(() => [c.seed]));
  });
});

describe("seed -1 in resolveParams", () => {
  it("draws a seed where the backend takes one, and sends none where it does not (random anyway)", async () => {
    const { resolveParams } = await import("@/lib/jobs/request-params");
    const { findBackend } = await import("@/lib/backends/registry");
    const offline = findBackend("offline");
    if (!offline) throw new Error("no offline backend");
    const version = PromptVersionSchema.parse({
      id: "v1",
      ideaId: "i1",
      parentId: null,
      source: "verbatim",
      instruction: null,
      prompt: "a fox",
      negativePrompt: null,
      style: null,
      dialect: "prose",
      refiner: "manual",
      model: "manual",
      title: "Fox",
      notes: [],
      parts: null,
      locks: [],
      direction: null,
      approvedAt: null,
      checks: [],
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    const drawn = resolveParams(offline, { seed: -1 }, version).seed;
    expect(Number.isInteger(drawn)).toBe(true);
    expect(drawn).toBeGreaterThanOrEqual(0);
    expect(resolveParams(offline, { seed: 5 }, version).seed).toBe(5);
    const seedless = { ...offline, capabilities: { ...offline.capabilities, seed: false } };
    expect(resolveParams(seedless, { seed: -1 }, version).seed).toBeUndefined();
    expect(() => resolveParams(seedless, { seed: 5 }, version)).toThrow(/does not take a seed/);
  });
});
