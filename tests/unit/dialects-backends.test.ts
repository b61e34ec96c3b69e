/**
 * Dialects per backend and checkpoint, end to end through the routes and the fakes: a FLUX
 * ComfyUI workflow gets prose and no negative prompt (and the graph ComfyUI receives holds that
 * prose), A1111 decides per checkpoint from /sdapi/v1/sd-models' names and hashes (or
 * A1111_MODEL_FAMILY), the length meter's counts name their tokenizer, and the chat refiner is
 * told the T5 budget.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { CatalogSchema, PromptVersionSchema } from "@/lib/schemas";
import type { PromptVersion } from "@/lib/schemas/entities";
import { estimateT5Tokens } from "@/lib/tokens/t5-estimate";
import { FAKE_CHECKPOINTS, type FakeA1111, startFakeA1111 } from "@/tests/fakes/a1111";
import { type FakeComfyUI, startFakeComfyUI } from "@/tests/fakes/comfyui";
import { type FakeOpenAI, startFakeOpenAI } from "@/tests/fakes/openai";
import { closeStore, configure, generateToEnd } from "./faults-harness";
import { call, type Handler } from "./routes-call";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let comfy: FakeComfyUI;
let a1111: FakeA1111;
let openai: FakeOpenAI;
let routes: { catalog: Handler; refine: Handler; tokenize: Handler; checkpoints: Handler };

const IDEA = "a red fox curled up in fresh snow at dawn";

beforeAll(async () => {
  [comfy, a1111, openai] = await Promise.all([
    startFakeComfyUI({ port: 0, stepMs: 2 }),
    startFakeA1111({ port: 0 }),
    startFakeOpenAI({ port: 0 }),
  ]);
  await configure({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
  routes = {
    catalog: (await import("@/app/api/catalog/route")).GET as Handler,
    refine: (await import("@/app/api/refine/route")).POST as Handler,
    tokenize: (await import("@/app/api/tokenize/route")).POST as Handler,
    checkpoints: (await import("@/app/api/backends/[id]/checkpoints/route")).GET as Handler,
  };
});
afterAll(async () => {
  await closeStore();
  await Promise.all([comfy.close(), a1111.close(), openai.close()]);
});
beforeEach(async () => {
  comfy.reset();
  openai.reset();
  await configure({
    COMFYUI_URL: comfy.url,
    COMFYUI_WORKFLOW: undefined,
    A1111_URL: a1111.url,
    A1111_MODEL_FAMILY: undefined,
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
  });
});

async function catalogCaps(id: string) {
  const res = await call(routes.catalog);
  expect(res.status).toBe(200);
  const backend = CatalogSchema.parse(await res.json()).backends.find((b) => b.id === id);
  if (!backend) throw new Error(`no ${id} in the catalog`);
  return backend.capabilities;
}

async function refine(body: Record<string, unknown>): Promise<PromptVersion> {
  const res = await call(routes.refine, {
    method: "POST",
    body: { idea: IDEA, ...body },
    headers: { accept: "application/json" },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return PromptVersionSchema.parse(await res.json());
}

async function tokenize(body: Record<string, unknown>) {
  const res = await call(routes.tokenize, { method: "POST", body });
  expect(res.status).toBe(200);
  return (await res.json()) as { tokens: number; maxTokens: number; tokenizer: string; estimated: boolean };
}

type Graph = Record<string, { class_type: string; inputs: Record<string, unknown> }>;
const sentGraphs = (): Graph[] =>
  comfy
    .requests()
    .filter((r) => r.method === "POST" && r.path === "/prompt")
    .map((r) => (r.body as { prompt: Graph }).prompt);

describe("ComfyUI with the built-in FLUX workflow (COMFYUI_WORKFLOW=builtin:flux)", () => {
  beforeEach(() => configure({ COMFYUI_WORKFLOW: "builtin:flux" }));

  it("declares FLUX.1 dev: prose, 512 T5 tokens, no negative prompt, no checkpoint, 1024²", async () => {
    const caps = await catalogCaps("comfyui");
    expect(caps).toMatchObject({
      family: "flux-dev",
      familySource: "workflow",
      dialect: "prose",
      tokenizer: "t5",
      maxPromptTokens: 512,
      negativePrompt: false,
      checkpoints: false,
      defaultSize: "1024x1024",
    });
    expect(caps.sizes).toContain("1216x832");
    expect(caps.guidance?.default).toBe(3.5);
  });

  it("gets prose with no negative prompt, and the graph ComfyUI receives carries that prose", async () => {
    const version = await refine({ backend: "comfyui" });
    expect(version.dialect).toBe("prose");
    expect(version.negativePrompt ?? "").toBe("");
    expect(version.prompt).toMatch(/fox/i);
    expect(version.prompt).toMatch(/[.!?]$/);
    expect(version.prompt).not.toMatch(/\(\w[^)]*:\d/); // no weighted tags

    const g = await generateToEnd(version, "comfyui", { size: "1024x1024", n: 1, steps: 3 });
    expect(g.status, JSON.stringify(g.error)).toBe("succeeded");
    expect(g.images[0]).toMatchObject({ width: 1024, height: 1024 });

    const [graph] = sentGraphs();
    if (!graph) throw new Error("nothing was sent to ComfyUI");
    const nodes = Object.values(graph);
    const classes = nodes.map((n) => n.class_type).sort();
    expect(classes).toEqual(
      [
        "BasicGuider",
        "BasicScheduler",
        "CLIPTextEncode",
        "DualCLIPLoader",
        "EmptySD3LatentImage",
        "FluxGuidance",
        "KSamplerSelect",
        "ModelSamplingFlux",
        "RandomNoise",
        "SamplerCustomAdvanced",
        "SaveImage",
        "UNETLoader",
        "VAEDecode",
        "VAELoader",
      ].sort(),
    );
    // One text encoder, holding the refined prose; nothing carries a negative prompt.
    const texts = nodes.filter((n) => n.class_type === "CLIPTextEncode").map((n) => n.inputs.text);
    expect(texts).toEqual([version.prompt]);
    expect(JSON.stringify(graph)).not.toContain("blurry");
    expect(graph).not.toHaveProperty("promptsmith");
    const guidance = nodes.find((n) => n.class_type === "FluxGuidance")?.inputs.guidance;
    expect(guidance).toBe(3.5);
    const clip = nodes.find((n) => n.class_type === "DualCLIPLoader")?.inputs;
    expect(clip).toMatchObject({
      clip_name1: "t5xxl_fp16.safetensors",
      clip_name2: "clip_l.safetensors",
      type: "flux",
    });
    expect(nodes.find((n) => n.class_type === "EmptySD3LatentImage")?.inputs).toMatchObject({
      width: 1024,
      height: 1024,
    });
  });

  it("a family or checkpoint in the request cannot turn the FLUX graph into tags", async () => {
    const version = await refine({ backend: "comfyui", family: "sd15", checkpoint: "v1-5-pruned-emaonly.safetensors" });
    expect(version.dialect).toBe("prose");
    expect(version.negativePrompt ?? "").toBe("");
  });

  it("the meter's count is an estimate of T5 tokens against 512", async () => {
    const prompt = "A red fox curled up in fresh snow at dawn, soft pink light on the drifts.";
    expect(await tokenize({ backend: "comfyui", prompt })).toEqual({
      chars: prompt.length,
      maxChars: 4000,
      tokens: estimateT5Tokens(prompt),
      maxTokens: 512,
      tokenizer: "t5",
      estimated: true,
    });
  });
});

describe("ComfyUI with the built-in checkpoint workflow", () => {
  it("follows the checkpoint: SD 1.5 and SDXL get tags with a negative prompt", async () => {
    const caps = await catalogCaps("comfyui");
    expect(caps).toMatchObject({ family: "sd15", familySource: "checkpoint", checkpoints: true });
    for (const checkpoint of ["v1-5-pruned-emaonly.safetensors", "sd_xl_base_1.0.safetensors"]) {
      const version = await refine({ backend: "comfyui", checkpoint });
      expect(version.dialect, checkpoint).toBe("tags");
      expect(version.negativePrompt, checkpoint).toMatch(/\w/);
    }
    const counted = await tokenize({ backend: "comfyui", prompt: "(red fox:1.2), snow", checkpoint: "x.safetensors" });
    expect(counted).toMatchObject({ tokenizer: "clip", estimated: false, maxTokens: 75 });
  });
});

describe("AUTOMATIC1111: the dialect per checkpoint, from /sdapi/v1/sd-models", () => {
  const expected: Record<string, "tags" | "prose"> = {
    "v1-5-pruned-emaonly.safetensors [6ce0161689]": "tags",
    "sd_xl_base_1.0.safetensors [31e35c80fc]": "tags",
    "anime/counterfeit-v3.safetensors [cbfba64e66]": "tags",
    "flux1-dev.safetensors [4610115bb0]": "prose",
    "my-favourite-model.safetensors [31e35c80fc]": "tags",
  };

  it("writes each checkpoint the fake reports in its family's dialect", async () => {
    const res = await call(routes.checkpoints, {}, { id: "automatic1111" });
    const { checkpoints } = (await res.json()) as { checkpoints: string[] };
    expect(checkpoints).toEqual(FAKE_CHECKPOINTS.map((c) => c.title));
    for (const checkpoint of checkpoints) {
      const version = await refine({ backend: "automatic1111", checkpoint });
      expect(version.dialect, checkpoint).toBe(expected[checkpoint]);
      if (expected[checkpoint] === "prose") expect(version.negativePrompt ?? "", checkpoint).toBe("");
      else expect(version.negativePrompt, checkpoint).toMatch(/\w/);
    }
  });

  it("counts CLIP tokens for SDXL and estimates T5 tokens for FLUX", async () => {
    const prompt = "A red fox in fresh snow at dawn.";
    const xl = await tokenize({
      backend: "automatic1111",
      prompt,
      checkpoint: "sd_xl_base_1.0.safetensors [31e35c80fc]",
    });
    expect(xl).toMatchObject({ tokenizer: "clip", estimated: false, maxTokens: 75 });
    const flux = await tokenize({ backend: "automatic1111", prompt, checkpoint: "flux1-dev.safetensors [4610115bb0]" });
    expect(flux).toMatchObject({ tokenizer: "t5", estimated: true, maxTokens: 512, tokens: estimateT5Tokens(prompt) });
    const schnell = await tokenize({ backend: "automatic1111", prompt, family: "flux-schnell" });
    expect(schnell.maxTokens).toBe(256);
  });

  it("A1111_MODEL_FAMILY overrides the names: flux-dev makes every checkpoint prose unless a request chooses", async () => {
    await configure({ A1111_MODEL_FAMILY: "flux-dev" });
    const caps = await catalogCaps("automatic1111");
    expect(caps).toMatchObject({
      family: "flux-dev",
      familySource: "setting",
      dialect: "prose",
      negativePrompt: false,
    });
    // Every family's size is still taken: a request may load another checkpoint.
    expect(caps.sizes).toEqual(expect.arrayContaining(["512x512", "1024x1024", "1536x640"]));
    expect((await refine({ backend: "automatic1111" })).dialect).toBe("prose");
    expect(
      (await refine({ backend: "automatic1111", checkpoint: "v1-5-pruned-emaonly.safetensors [6ce0161689]" })).dialect,
    ).toBe("prose");
    expect((await refine({ backend: "automatic1111", family: "sdxl" })).dialect).toBe("tags");
  });

  it("refuses a family it does not know", async () => {
    const res = await call(routes.refine, {
      method: "POST",
      body: { idea: IDEA, backend: "automatic1111", family: "sd2" },
      headers: { accept: "application/json" },
    });
    expect(res.status).toBe(400);
    // The body schema is a union (new idea | follow-up): zod reports the union, not the field.
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  });
});

describe("the chat refiner writes for FLUX", () => {
  it("is told the T5 budget and that there is no negative prompt, and answers prose without one", async () => {
    await configure({
      OPENAI_API_KEY: "sk-fake-unit-key",
      OPENAI_BASE_URL: openai.url,
      COMFYUI_WORKFLOW: "builtin:flux",
    });
    const version = await refine({ backend: "comfyui", refiner: "openai" });
    expect(version.refiner).toBe("openai");
    expect(version.dialect).toBe("prose");
    expect(version.negativePrompt ?? "").toBe("");
    const chat = openai.requests().find((r) => r.path === "/chat/completions" || r.endpoint === "chat");
    const system = JSON.stringify((chat?.body as { messages?: unknown[] } | undefined)?.messages?.[0] ?? "");
    expect(system).toContain("Dialect: prose");
    expect(system).toContain("at most 512 T5 tokens");
    expect(system).toContain("no negative prompt");
    expect(system).not.toContain("Dialect: tags");
  });
});
