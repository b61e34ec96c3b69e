import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { comfyuiBackend, createComfyuiBackend } from "@/lib/backends/comfyui";
import type { GenerateRequest } from "@/lib/backends/types";
import { BACKENDS } from "@/lib/catalog";
import { resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { DEFAULT_CHECKPOINTS, type FakeComfyUI, startFakeComfyUI } from "@/tests/fakes/comfyui";

let fake: FakeComfyUI;
const backend = createComfyuiBackend({ pollMs: 20, quietMs: 2_000, socketOpenMs: 2_000 });
const tmp = mkdtempSync(path.join(tmpdir(), "comfyui-backend-"));

function configure(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
}

const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a lighthouse at dusk, volumetric light",
  negativePrompt: "blurry",
  size: "512x512",
  n: 1,
  steps: 6,
  ...over,
});

const run = (req: GenerateRequest, onProgress?: (f: number) => void) =>
  backend.generate(req, { signal: new AbortController().signal, onProgress });

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected a failure");
}

type PostedPrompt = {
  prompt: Record<string, { class_type: string; inputs: Record<string, unknown> }>;
  client_id: string;
};
const postedPrompts = () =>
  fake
    .requests()
    .filter((r) => r.method === "POST" && r.path === "/prompt")
    .map((r) => r.body as PostedPrompt);

beforeAll(async () => {
  fake = await startFakeComfyUI({ port: 0, stepMs: 2 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  configure({ COMFYUI_URL: fake.url, COMFYUI_WORKFLOW: undefined, GENERATE_TIMEOUT_MS: undefined });
});

describe("comfyuiBackend: facts", () => {
  it("takes id, label and capabilities from the catalog", () => {
    expect(comfyuiBackend.id).toBe("comfyui");
    expect(comfyuiBackend.label).toBe(BACKENDS.comfyui.label);
    expect(comfyuiBackend.capabilities).toEqual(BACKENDS.comfyui.capabilities);
    expect(comfyuiBackend.model).toBe("default-workflow");
  });

  it("is configured exactly when COMFYUI_URL is set", () => {
    expect(comfyuiBackend.isConfigured()).toBe(true);
    configure({ COMFYUI_URL: undefined });
    expect(comfyuiBackend.isConfigured()).toBe(false);
  });
});

describe("comfyuiBackend.generate against the fake", () => {
  it("returns n real PNGs of the requested size with consecutive seeds", async () => {
    const images = await run(request({ n: 3, size: "768x512", seed: 1234 }));
    expect(images).toHaveLength(3);
    for (const [i, image] of images.entries()) {
      expect(image.mime).toBe("image/png");
      expect([image.width, image.height]).toEqual([768, 512]);
      const meta = await sharp(image.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", 768, 512]);
      expect(image.seed).toBe(1234 + i);
      expect(image.meta).toMatchObject({ workflowName: "default-workflow" });
    }
    // One prompt per image, a batch of 1 each with its own seed, so every reported seed is true.
    const posted = postedPrompts().map((p) => Object.values(p.prompt ?? {}));
    expect(posted).toHaveLength(3);
    expect(posted.map((nodes) => nodes.find((n) => n.class_type === "KSampler")?.inputs.seed)).toEqual([
      1234, 1235, 1236,
    ]);
    for (const nodes of posted) {
      expect(nodes.find((n) => n.class_type === "EmptyLatentImage")?.inputs.batch_size).toBe(1);
    }
    // The same batch, different pictures.
    expect(Buffer.from(images[0]?.bytes ?? []).equals(Buffer.from(images[1]?.bytes ?? []))).toBe(false);
  });

  it("sends the filled graph with typed values, the first checkpoint and the catalog's defaults", async () => {
    const [image] = await run(request({ prompt: 'a "quoted" \\ prompt\nwith {{seed}} in it', seed: 42 }));
    const [posted] = postedPrompts();
    const nodes = Object.values(posted?.prompt ?? {});
    const byClass = (c: string) => nodes.filter((n) => n.class_type === c);
    expect(byClass("KSampler")[0]?.inputs).toMatchObject({
      seed: 42,
      steps: 6,
      cfg: BACKENDS.comfyui.capabilities.guidance.default,
      sampler_name: BACKENDS.comfyui.capabilities.samplers[0],
    });
    expect(byClass("EmptyLatentImage")[0]?.inputs).toEqual({ width: 512, height: 512, batch_size: 1 });
    expect(byClass("CheckpointLoaderSimple")[0]?.inputs.ckpt_name).toBe(DEFAULT_CHECKPOINTS[0]);
    expect(byClass("CLIPTextEncode").map((n) => n.inputs.text)).toEqual([
      'a "quoted" \\ prompt\nwith {{seed}} in it',
      "blurry",
    ]);
    expect(image?.meta).toMatchObject({ checkpoint: DEFAULT_CHECKPOINTS[0], workflow: posted?.prompt });
    const asked = fake.requests().map((r) => `${r.method} ${r.path}`);
    expect(asked).toContain("GET /object_info/CheckpointLoaderSimple");
  });

  it("uses the requested checkpoint, sampler, steps and guidance without asking for the list", async () => {
    await run(request({ checkpoint: DEFAULT_CHECKPOINTS[1], sampler: "dpmpp_2m", steps: 9, guidance: 4.5, seed: 7 }));
    const nodes = Object.values(postedPrompts()[0]?.prompt ?? {});
    expect(nodes.find((n) => n.class_type === "CheckpointLoaderSimple")?.inputs.ckpt_name).toBe(DEFAULT_CHECKPOINTS[1]);
    expect(nodes.find((n) => n.class_type === "KSampler")?.inputs).toMatchObject({
      sampler_name: "dpmpp_2m",
      steps: 9,
      cfg: 4.5,
    });
    expect(fake.requests().some((r) => r.path.startsWith("/object_info"))).toBe(false);
  });

  it("picks a random seed when none is given and reports it", async () => {
    const [image] = await run(request());
    const seed = Object.values(postedPrompts()[0]?.prompt ?? {}).find((n) => n.class_type === "KSampler")?.inputs.seed;
    expect(typeof seed).toBe("number");
    expect(image?.seed).toBe(seed);
  });

  it("reports progress that rises to exactly 1", async () => {
    const seen: number[] = [];
    await run(request({ steps: 10 }), (f) => seen.push(f));
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // One value per sampling step at least, all strictly inside the bar.
    expect(seen.filter((f) => f > 0.05 && f < 1).length).toBeGreaterThanOrEqual(10);
  });

  it("opens /ws with a client id first, then queues the prompt under that id, then closes the socket", async () => {
    await run(request());
    const log = fake.requests();
    const wsIndex = log.findIndex((r) => r.websocket);
    const postIndex = log.findIndex((r) => r.method === "POST" && r.path === "/prompt");
    expect(wsIndex).toBeGreaterThanOrEqual(0);
    expect(wsIndex).toBeLessThan(postIndex);
    const clientId = log[wsIndex]?.query.clientId;
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect((log[postIndex]?.body as PostedPrompt | undefined)?.client_id).toBe(clientId);
    // With the socket working, no polling: one history read after the end.
    expect(log.filter((r) => r.path.startsWith("/history/"))).toHaveLength(1);
    expect(log.some((r) => r.path === "/queue")).toBe(false);
    await expect.poll(() => fake.connectedClients()).toEqual([]);
  });

  it("fetches each image from /view with the filename, subfolder and type history gave", async () => {
    await run(request({ n: 2 }));
    const views = fake.requests().filter((r) => r.path === "/view");
    expect(views.map((v) => v.query)).toEqual([
      { filename: "promptsmith_00001_.png", subfolder: "", type: "output" },
      { filename: "promptsmith_00002_.png", subfolder: "", type: "output" },
    ]);
  });

  it("checks the request itself", async () => {
    expect((await failure(run(request({ n: 5 })))).code).toBe("invalid_request");
    expect((await failure(run(request({ size: "500x500" })))).message).toContain("steps of 8");
    expect((await failure(run(request({ seed: -1 })))).code).toBe("invalid_request");
    expect(fake.requests()).toEqual([]);
  });
});

describe("comfyuiBackend.listCheckpoints", () => {
  it("lists what /object_info/CheckpointLoaderSimple lists", async () => {
    const list = await backend.listCheckpoints?.({ signal: new AbortController().signal });
    expect(list).toEqual(DEFAULT_CHECKPOINTS);
  });

  it("reads the newer COMBO form of the spec too", async () => {
    const server = createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          CheckpointLoaderSimple: { input: { required: { ckpt_name: ["COMBO", { options: ["a.safetensors"] }] } } },
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    configure({ COMFYUI_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    try {
      expect(await backend.listCheckpoints?.({ signal: new AbortController().signal })).toEqual(["a.safetensors"]);
    } finally {
      server.close();
    }
  });

  it("says when ComfyUI has no checkpoints at all", async () => {
    const empty = await startFakeComfyUI({ port: 0, checkpoints: [] });
    configure({ COMFYUI_URL: empty.url });
    try {
      const e = await failure(run(request()));
      expect(e.code).toBe("backend_error");
      expect(e.message).toContain("no checkpoints");
    } finally {
      await empty.close();
    }
  });
});

describe("a user workflow from COMFYUI_WORKFLOW", () => {
  const fixture = path.resolve(__dirname, "../fixtures/comfyui/custom-api-workflow.json");

  function writeWorkflow(name: string, content: unknown) {
    const file = path.join(tmp, name);
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    configure({ COMFYUI_WORKFLOW: file });
    return file;
  }

  it("fills the user's graph: fixed values stay, placeholders fill, saved images come back, previews do not", async () => {
    writeWorkflow("my-sdxl.json", readFileSync(fixture, "utf8"));
    expect(backend.model).toBe("my-sdxl.json");
    const images = await run(request({ n: 2, size: "768x512", seed: 99, prompt: "a fox" }));
    expect(images.map((i) => [i.width, i.height])).toEqual([
      [768, 512],
      [768, 512],
    ]);
    expect(images.map((i) => i.meta?.node)).toEqual(["8", "8"]);
    expect(images[0]?.meta?.workflowName).toBe("my-sdxl.json");

    const graph = postedPrompts()[0]?.prompt ?? {};
    expect(graph["2"]?.inputs.text).toBe("masterpiece, a fox");
    expect(graph["3"]?.inputs.text).toBe("blurry, lowres");
    expect(graph["1"]?.inputs.ckpt_name).toBe("sd_xl_base_1.0.safetensors");
    expect(graph["5"]?.inputs).toMatchObject({ seed: 99, steps: 6, cfg: 5.5, sampler_name: "dpmpp_2m" });
    expect(graph["8"]?.inputs.filename_prefix).toBe("custom/run-99");
    // No {{checkpoint}} in it, so no need for the list.
    expect(fake.requests().some((r) => r.path.startsWith("/object_info"))).toBe(false);
    expect(
      fake
        .requests()
        .filter((r) => r.path === "/view")
        .map((r) => r.query.subfolder),
    ).toEqual(["custom", "custom"]);
  });

  it("names a missing required placeholder", async () => {
    const graph = JSON.parse(readFileSync(fixture, "utf8")) as Record<string, { inputs: Record<string, unknown> }>;
    if (graph["5"]) graph["5"].inputs.seed = 5;
    if (graph["8"]) graph["8"].inputs.filename_prefix = "custom/run";
    writeWorkflow("no-seed.json", graph);
    const e = await failure(run(request()));
    expect(e.code).toBe("invalid_request");
    expect(e.message).toContain("COMFYUI_WORKFLOW (no-seed.json)");
    expect(e.message).toContain("{{seed}}");
    expect(fake.requests()).toEqual([]);
  });

  it("turns away a UI-format file with the way to export it", async () => {
    writeWorkflow(
      "ui.json",
      readFileSync(path.resolve(__dirname, "../fixtures/comfyui/ui-format-workflow.json"), "utf8"),
    );
    const e = await failure(run(request()));
    expect(e.code).toBe("invalid_request");
    expect(e.message).toContain('"Save (API Format)"');
  });

  it("says so when the file is missing or not JSON", async () => {
    configure({ COMFYUI_WORKFLOW: path.join(tmp, "nope.json") });
    expect((await failure(run(request()))).message).toContain("cannot be read");
    writeWorkflow("broken.json", "{ not json");
    expect((await failure(run(request()))).message).toContain("not valid JSON");
  });

  it("makes several images from a workflow without {{batch_size}}, one prompt each", async () => {
    const graph = JSON.parse(readFileSync(fixture, "utf8")) as Record<string, { inputs: Record<string, unknown> }>;
    if (graph["4"]) graph["4"].inputs.batch_size = 1;
    writeWorkflow("single.json", graph);
    const images = await run(request({ n: 2, seed: 10 }));
    expect(images.map((i) => i.seed)).toEqual([10, 11]);
    expect(postedPrompts()).toHaveLength(2);
  });
});
