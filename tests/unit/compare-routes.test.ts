import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Comparison,
  ComparisonDetailSchema,
  ComparisonSchema,
  GenerationWithImagesSchema,
  IdeaDetailSchema,
  type PromptVersion,
  PromptVersionSchema,
} from "@/lib/schemas";
import { type FakeA1111, startFakeA1111 } from "@/tests/fakes/a1111";
import { call, expectError, pick, type RouteModules } from "./routes-call";

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-compare-"));
process.env.DATA_DIR = dataDir;
// Clients are told apart by X-Forwarded-For, as behind one trusted reverse proxy.
process.env.TRUST_PROXY = "1";
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
delete process.env.COMFYUI_URL;

let routes: RouteModules;
let a1111: FakeA1111;
const h = (route: string, method: string) => pick(routes, route, method);

// Importing the route modules compiles much of the app: slow on a busy machine.
beforeAll(async () => {
  a1111 = await startFakeA1111({ port: 0, stepMs: 1 });
  process.env.A1111_URL = a1111.url;
  (await import("@/lib/config")).resetConfigForTests();
  routes = {
    refine: await import("@/app/api/refine/route"),
    comparisons: await import("@/app/api/comparisons/route"),
    comparison: await import("@/app/api/comparisons/[id]/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    idea: await import("@/app/api/ideas/[id]/route"),
  } as unknown as RouteModules;
}, 60_000);

afterAll(async () => {
  await (await import("@/lib/store")).resetStoreForTests();
  await a1111.close();
  delete process.env.A1111_URL;
});

async function refine(body: Record<string, unknown>): Promise<PromptVersion> {
  const res = await call(h("refine", "POST"), {
    method: "POST",
    body: { refiner: "offline", backend: "offline", ...body },
    headers: { accept: "application/json" },
  });
  expect(res.status).toBe(201);
  return PromptVersionSchema.parse(await res.json());
}

/** An idea with v1 and its child v2. */
async function twoVersions(idea = "a fox in the snow") {
  const v1 = await refine({ idea });
  const v2 = await refine({ parentId: v1.id, instruction: "make it night" });
  return [v1, v2] as const;
}

async function waitForGeneration(id: string) {
  for (let i = 0; i < 400; i++) {
    const g = GenerationWithImagesSchema.parse(await (await call(h("generation", "GET"), {}, { id })).json());
    if (g.status !== "queued" && g.status !== "running") return g;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("generation did not finish");
}

const post = (body: unknown) => call(h("comparisons", "POST"), { method: "POST", body });

async function ideaDetail(id: string) {
  return IdeaDetailSchema.parse(await (await call(h("idea", "GET"), {}, { id })).json());
}

describe("POST /api/comparisons", () => {
  it("two versions: two generations with one seed and the same params, labelled, then a grid of images", async () => {
    const [v1, v2] = await twoVersions();
    const res = await post({ versionIds: [v2.id, v1.id], backend: "offline", params: { size: "512x512" } });
    expect(res.status).toBe(201);
    const c = ComparisonSchema.parse(await res.json());
    expect(c).toMatchObject({ ideaId: v1.ideaId, kind: "versions", params: { size: "512x512" } });
    expect(c.seed).toBeGreaterThanOrEqual(0);
    expect(c.seed).toBeLessThan(2 ** 32);
    expect(c.cells.map((cell) => [cell.position, cell.label, cell.versionId, cell.backend])).toEqual([
      [0, "v2 · Offline sketch (no model)", v2.id, "offline"],
      [1, "v1 · Offline sketch (no model)", v1.id, "offline"],
    ]);
    expect(c.title).toBe("v2 vs v1 · Offline sketch (no model)");

    const done = await Promise.all(c.cells.map((cell) => waitForGeneration(cell.generationId)));
    expect(done.map((g) => g.status)).toEqual(["succeeded", "succeeded"]);
    expect(done.map((g) => g.promptId)).toEqual([v2.id, v1.id]);
    // Same seed, same parameters: only the prompt differs.
    const [a, b] = done;
    expect(a?.params).toEqual(b?.params);
    expect(a?.params).toMatchObject({ seed: c.seed, n: 1, size: "512x512" });
    expect(done.map((g) => g.images.map((i) => i.seed))).toEqual([[c.seed], [c.seed]]);

    const detail = ComparisonDetailSchema.parse(await (await call(h("comparison", "GET"), {}, { id: c.id })).json());
    expect(detail.idea.id).toBe(v1.ideaId);
    expect(detail.versions.map((v) => v.id)).toEqual([v2.id, v1.id]);
    expect(detail.generations.map((g) => g.id)).toEqual(c.cells.map((cell) => cell.generationId));
    expect(detail.generations.every((g) => g.images.length === 1)).toBe(true);

    // The generations are the idea's like any other, and the idea lists the comparison.
    const idea = await ideaDetail(v1.ideaId);
    expect(idea.generations.map((g) => g.id).sort()).toEqual(c.cells.map((cell) => cell.generationId).sort());
    expect(idea.comparisons.map((x) => x.id)).toEqual([c.id]);
  });

  it("uses the seed given in params", async () => {
    const [v1, v2] = await twoVersions("a kite over dunes");
    const c = ComparisonSchema.parse(
      await (
        await post({ versionIds: [v1.id, v2.id], backend: "offline", params: { seed: 1234, size: "512x512" } })
      ).json(),
    );
    expect(c.seed).toBe(1234);
    const done = await Promise.all(c.cells.map((cell) => waitForGeneration(cell.generationId)));
    expect(done.map((g) => g.images[0]?.seed)).toEqual([1234, 1234]);
  });

  it("one version on two backends: one seed, one shared size, labels by backend", async () => {
    const v = await refine({ idea: "a lantern in the rain" });
    const res = await post({ versionId: v.id, backends: ["offline", "automatic1111"], params: {} });
    expect(res.status).toBe(201);
    const c = ComparisonSchema.parse(await res.json());
    expect(c.kind).toBe("backends");
    expect(c.cells.map((cell) => [cell.label, cell.versionId, cell.backend])).toEqual([
      ["Offline sketch (no model)", v.id, "offline"],
      ["AUTOMATIC1111 / Forge", v.id, "automatic1111"],
    ]);
    const done = await Promise.all(c.cells.map((cell) => waitForGeneration(cell.generationId)));
    expect(done.map((g) => g.status)).toEqual(["succeeded", "succeeded"]);
    expect(done.map((g) => [g.params.seed, g.params.size, g.params.n])).toEqual([
      [c.seed, "1024x1024", 1],
      [c.seed, "1024x1024", 1],
    ]);
    const sent = a1111.requests().find((r) => r.endpoint === "txt2img")?.body as { seed?: number } | undefined;
    expect(sent?.seed).toBe(c.seed);
  });

  it("refuses versions of two ideas, unknown or unconfigured backends and bad params, saving nothing", async () => {
    const [a] = await twoVersions("a red barn");
    const [b, b2] = await twoVersions("a blue boat");
    const before = await ideaDetail(b.ideaId);

    const mixed = await expectError(
      await post({ versionIds: [a.id, b.id], backend: "offline" }),
      400,
      "invalid_request",
    );
    expect(mixed.error.message).toMatch(/one idea/);
    const openai = await expectError(
      await post({ versionIds: [b.id, b2.id], backend: "openai" }),
      400,
      "invalid_request",
    );
    expect(openai.error.message).toContain("OPENAI_API_KEY");
    const comfy = await expectError(
      await post({ versionId: b.id, backends: ["offline", "comfyui"] }),
      400,
      "invalid_request",
    );
    expect(comfy.error.message).toContain("COMFYUI_URL");
    await expectError(await post({ versionIds: [b.id, b2.id], backend: "nope" }), 400, "invalid_request");
    // What the offline renderer cannot do, checked as POST /api/generate checks it.
    await expectError(
      await post({ versionIds: [b.id, b2.id], backend: "offline", params: { size: "100x100" } }),
      400,
      "invalid_request",
    );
    await expectError(
      await post({ versionIds: [b.id, b2.id], backend: "offline", params: { steps: 20 } }),
      400,
      "invalid_request",
    );
    await expectError(
      await post({ versionIds: [b.id, b2.id], backend: "offline", params: { n: 2 } }),
      400,
      "invalid_request",
    );
    await expectError(await post({ versionIds: [b.id, b.id], backend: "offline" }), 400, "invalid_request");
    await expectError(await post({ versionIds: [b.id], backend: "offline" }), 400, "invalid_request");
    await expectError(await post({ versionId: b.id, backends: ["offline", "offline"] }), 400, "invalid_request");
    await expectError(await post({ versionIds: [b.id, "missing0001"], backend: "offline" }), 404, "not_found");

    const after = await ideaDetail(b.ideaId);
    expect(after.comparisons).toEqual([]);
    expect(after.generations).toEqual(before.generations);
  });
});

describe("safety, as for POST /api/generate", () => {
  async function storedVersions(prompts: string[]) {
    const { getStore } = await import("@/lib/store");
    const { newId } = await import("@/lib/ids");
    const ideaId = newId();
    const now = Date.now();
    const versions = prompts.map((prompt, i) =>
      PromptVersionSchema.parse({
        id: newId(now + i),
        ideaId,
        parentId: null,
        source: "edit",
        instruction: null,
        prompt,
        negativePrompt: null,
        style: null,
        dialect: "prose",
        refiner: "manual",
        model: "manual",
        title: "t",
        notes: [],
        parts: null,
        locks: [],
        direction: null,
        approvedAt: null,
        checks: [],
        createdAt: new Date(now + i).toISOString(),
      }),
    );
    const [first, ...rest] = versions;
    if (!first) throw new Error("no versions");
    await getStore().createIdeaWithVersion(
      { id: ideaId, text: "a field", title: "Field", createdAt: first.createdAt },
      first,
    );
    for (const v of rest) await getStore().createVersion(v);
    return versions;
  }

  it("a blocked prompt in any cell is a 422, and nothing is saved or queued", async () => {
    const [ok, bad] = await storedVersions([
      "a sunny meadow with wildflowers",
      "a battlefield strewn with severed limbs, gore everywhere",
    ]);
    if (!ok || !bad) throw new Error("no versions");
    await expectError(await post({ versionIds: [ok.id, bad.id], backend: "offline" }), 422, "moderation_blocked");
    const detail = await ideaDetail(ok.ideaId);
    expect(detail.comparisons).toEqual([]);
    expect(detail.generations).toEqual([]);
  });

  it("every cell takes a place in the client's queue: all of them or none (429)", async () => {
    const [a, b] = await storedVersions(["a quiet pond at dawn", "a quiet pond at dusk"]);
    if (!a || !b) throw new Error("no versions");
    const { getJobs } = await import("@/lib/jobs");
    const { cap } = getJobs();
    const client = "ip:203.0.113.77";
    const held = Array.from({ length: 7 }, (_, i) => `held-${i}`); // the limit is 8
    await cap.reserve(client, held, held.length);
    const asClient = (body: unknown) =>
      call(h("comparisons", "POST"), { method: "POST", body, headers: { "x-forwarded-for": "203.0.113.77" } });

    await expectError(await asClient({ versionIds: [a.id, b.id], backend: "offline" }), 429, "rate_limited");
    expect(await cap.count(client)).toBe(7);
    expect((await ideaDetail(a.ideaId)).generations).toEqual([]);

    await cap.release(["held-0"]);
    const res = await asClient({ versionIds: [a.id, b.id], backend: "offline", params: { size: "512x512" } });
    expect(res.status).toBe(201);
    const c = ComparisonSchema.parse(await res.json());
    await Promise.all(c.cells.map((cell) => waitForGeneration(cell.generationId)));
    // Finished cells give their places back.
    for (let i = 0; i < 40 && (await cap.count(client)) !== 6; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await cap.count(client)).toBe(6);
    await cap.release(held);
  });
});

describe("listing and deleting comparisons", () => {
  it("lists newest first, deletes only the record, and goes with its idea", async () => {
    const [v1, v2] = await twoVersions("a tram at night");
    const make = async () =>
      ComparisonSchema.parse(
        await (await post({ versionIds: [v1.id, v2.id], backend: "offline", params: { size: "512x512" } })).json(),
      ) as Comparison;
    const first = await make();
    const second = await make();
    const list = await call(h("comparisons", "GET"), { path: `/api/comparisons?ideaId=${v1.ideaId}` });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: Comparison[] }).items.map((c) => c.id)).toEqual([second.id, first.id]);
    await expectError(await call(h("comparisons", "GET"), { path: "/api/comparisons" }), 400, "invalid_request");
    await expectError(
      await call(h("comparisons", "GET"), { path: "/api/comparisons?ideaId=nope1234" }),
      404,
      "not_found",
    );

    await Promise.all(first.cells.map((cell) => waitForGeneration(cell.generationId)));
    expect((await call(h("comparison", "DELETE"), { method: "DELETE" }, { id: first.id })).status).toBe(204);
    await expectError(await call(h("comparison", "GET"), {}, { id: first.id }), 404, "not_found");
    await expectError(await call(h("comparison", "DELETE"), { method: "DELETE" }, { id: first.id }), 404, "not_found");
    // Its generations and images stay in the idea's history.
    const kept = await waitForGeneration(first.cells[0]?.generationId ?? "");
    expect(kept.images).toHaveLength(1);
    expect((await ideaDetail(v1.ideaId)).comparisons.map((c) => c.id)).toEqual([second.id]);

    await Promise.all(second.cells.map((cell) => waitForGeneration(cell.generationId)));
    expect((await call(h("idea", "DELETE"), { method: "DELETE" }, { id: v1.ideaId })).status).toBe(204);
    await expectError(await call(h("comparison", "GET"), {}, { id: second.id }), 404, "not_found");
    await expectError(await call(h("comparison", "GET"), {}, { id: "../etc" }), 404, "not_found");
  });
});
