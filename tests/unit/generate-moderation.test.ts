import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { offlineBackend } from "@/lib/backends/offline";
import { resetConfigForTests } from "@/lib/config";
import type { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { resetOpenAIClientForTests } from "@/lib/openai-client";
import { resetPolicyForTests } from "@/lib/safety/moderate";
import { resetRemoteForTests } from "@/lib/safety/remote";
import { ErrorBodySchema, type Generation, type PromptVersion } from "@/lib/schemas";
import { getStore, resetStoreForTests } from "@/lib/store";
import { generate } from "@/lib/studio/generate";
import { type FakeOpenAI, startFakeOpenAI } from "@/tests/fakes/openai";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "promptsmith-generate-moderation-"));
process.env.RETRY_BASE_MS = "10";
// Clients are told apart by X-Forwarded-For, as behind one trusted reverse proxy.
process.env.TRUST_PROXY = "1";

let fake: FakeOpenAI;
let route: { POST: (req: Request, ctx: { params: Promise<Record<string, never>> }) => Promise<Response> };

function configure(env: Record<string, string | undefined> = {}) {
  for (const k of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "MODERATION_URL", "MODERATION"]) delete process.env[k];
  for (const [k, v] of Object.entries(env)) if (v !== undefined) process.env[k] = v;
  resetConfigForTests();
  resetPolicyForTests();
  resetRemoteForTests();
  resetOpenAIClientForTests();
}
const withOpenAI = () => configure({ OPENAI_API_KEY: "sk-fake-generate-key", OPENAI_BASE_URL: fake.url });

async function saveVersion(idea: string, prompt: string): Promise<PromptVersion> {
  const now = new Date().toISOString();
  const ideaRow = { id: newId(), text: idea, title: idea.slice(0, 40), createdAt: now };
  const version: PromptVersion = {
    id: newId(),
    ideaId: ideaRow.id,
    parentId: null,
    source: "edit",
    instruction: null,
    prompt,
    negativePrompt: "blurry, gore",
    style: null,
    dialect: "prose",
    refiner: "manual",
    model: "manual",
    title: ideaRow.title,
    notes: [],
    parts: null,
    locks: [],
    direction: null,
    approvedAt: null,
    checks: [],
    createdAt: now,
  };
  await getStore().createIdeaWithVersion(ideaRow, version);
  return version;
}

async function settled(id: string): Promise<Generation> {
  for (let i = 0; i < 400; i++) {
    const g = await getStore().getGeneration(id);
    if (g && g.status !== "queued" && g.status !== "running") return g;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the generation did not finish");
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as AppError,
  );

function post(body: unknown): Promise<Response> {
  const request = new Request("http://localhost/api/generate", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9" },
    body: JSON.stringify(body),
  });
  return route.POST(request, { params: Promise.resolve({}) });
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0 });
  route = await import("@/app/api/generate/route");
});
afterAll(async () => {
  await resetStoreForTests();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  configure();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("generate(): moderation before anything is queued", () => {
  it("blocks a harmful prompt: 422 with categories, no generation row, the backend never called", async () => {
    const backend = vi.spyOn(offlineBackend, "generate");
    const v = await saveVersion("a battlefield", "a battlefield strewn with severed limbs, gore everywhere");
    const e = await failure(generate({ promptId: v.id, backend: "offline", params: {} }));
    expect([e.code, e.status]).toEqual(["moderation_blocked", 422]);
    expect(e.details).toEqual({ categories: ["violence/graphic"], source: "policy", fields: ["prompt"] });
    expect(e.message).toBe(
      "The prompt was blocked by our safety policy: graphic violence or gore. Nothing was generated.",
    );
    expect(await getStore().listGenerationsForIdea(v.ideaId)).toEqual([]);
    expect(backend).not.toHaveBeenCalled();
  });

  it("checks the idea too, and not the negative prompt", async () => {
    const v = await saveVersion("a naked child", "a sunny meadow with wildflowers");
    const e = await failure(generate({ promptId: v.id, backend: "offline", params: {} }));
    expect(e.details).toMatchObject({ categories: ["sexual/minors"], fields: ["idea"] });
    // "gore" is in every version's negative prompt here; it is what to keep out, so it passes.
    const ok = await saveVersion("a meadow", "a sunny meadow with wildflowers");
    const g = await generate({ promptId: ok.id, backend: "offline", params: {} });
    expect((await settled(g.id)).status).toBe("succeeded");
  });

  it("lets an ordinary prompt through to the backend", async () => {
    const backend = vi.spyOn(offlineBackend, "generate");
    const v = await saveVersion("a kid goat", "a kid goat on a hay bale, shoot a photo at golden hour");
    const g = await generate({ promptId: v.id, backend: "offline", params: {} });
    expect((await settled(g.id)).status).toBe("succeeded");
    expect(backend).toHaveBeenCalledTimes(1);
  });

  it("with MODERATION=off, lets everything through", async () => {
    configure({ MODERATION: "off" });
    const v = await saveVersion("a battlefield", "a battlefield, gore everywhere");
    const g = await generate({ promptId: v.id, backend: "offline", params: {} });
    expect((await settled(g.id)).status).toBe("succeeded");
  });

  it("POST /api/generate answers 422 moderation_blocked with the details", async () => {
    const v = await saveVersion("a rally", "a nazi flag over a crowd");
    const res = await post({ promptId: v.id, backend: "offline" });
    expect(res.status).toBe(422);
    const body = ErrorBodySchema.parse(await res.json());
    expect(body.error).toEqual({
      code: "moderation_blocked",
      message: "The prompt was blocked by our safety policy: hate or extremist symbols. Nothing was generated.",
      details: { categories: ["hate"], source: "policy", fields: ["prompt"] },
    });
    expect(await getStore().listGenerationsForIdea(v.ideaId)).toEqual([]);
  });
});

describe("generate(): the moderations endpoint", () => {
  it("a flagged text is a 422 with source openai; nothing reaches the images endpoint", async () => {
    withOpenAI();
    const v = await saveVersion("FLAG_HATE", "a poster");
    const res = await post({ promptId: v.id, backend: "openai" });
    expect(res.status).toBe(422);
    const body = ErrorBodySchema.parse(await res.json());
    expect(body.error.details).toEqual({ categories: ["hate", "harassment"], source: "openai", fields: ["idea"] });
    expect(fake.requests().map((r) => r.endpoint)).toEqual(["moderations"]);
    expect(await getStore().listGenerationsForIdea(v.ideaId)).toEqual([]);
  });

  it("an outage fails closed: 503, no generation row", async () => {
    withOpenAI();
    fake.setMode({ mode: "error500", endpoint: "moderations" });
    const v = await saveVersion("a fox", "a red fox in the snow");
    const res = await post({ promptId: v.id, backend: "offline" });
    expect(res.status).toBe(503);
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe("backend_unavailable");
    expect(await getStore().listGenerationsForIdea(v.ideaId)).toEqual([]);
  });

  it("not flagged: the generation runs", async () => {
    withOpenAI();
    const v = await saveVersion("a fox", "a red fox in the snow");
    const res = await post({ promptId: v.id, backend: "openai", params: { size: "1024x1024" } });
    expect(res.status).toBe(202);
    const g = (await res.json()) as Generation;
    expect((await settled(g.id)).status).toBe("succeeded");
    expect(fake.requests().map((r) => r.endpoint)).toEqual(["moderations", "images"]);
  });
});

describe("a backend's own refusal", () => {
  it("OpenAI's moderation_blocked ends the generation refused, with a plain message, never retried", async () => {
    withOpenAI();
    fake.setMode({ mode: "refusal", endpoint: "images" });
    const v = await saveVersion("a fox", "a red fox in the snow");
    const g = await generate({ promptId: v.id, backend: "openai", params: { size: "1024x1024" } });
    const done = await settled(g.id);
    expect(done.status).toBe("failed");
    expect(done.error).toEqual({ code: "refused", message: "OpenAI's safety system refused this prompt." });
    // GENERATE_RETRIES is 2 by default: a refusal is asked once.
    expect(fake.requests().filter((r) => r.endpoint === "images")).toHaveLength(1);
    expect(await getStore().listImagesForGeneration(g.id)).toEqual([]);
  });
});
