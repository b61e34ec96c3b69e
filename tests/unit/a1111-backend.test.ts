import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { A1111_DEFAULT_MODEL, automatic1111Backend, createAutomatic1111Backend } from "@/lib/backends/automatic1111";
import { httpError } from "@/lib/backends/automatic1111/map-error";
import type { GenerateRequest } from "@/lib/backends/types";
import { BACKENDS } from "@/lib/catalog";
import { resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { FAKE_CHECKPOINTS, type FakeA1111, type FakeA1111Mode, startFakeA1111 } from "@/tests/fakes/a1111";

const AUTH = "artist:s3cret-pass";
let fake: FakeA1111;
// Polling every 50 ms so a job of a few hundred ms shows several progress values.
const backend = createAutomatic1111Backend({ pollMs: 50 });

function configure(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
}

beforeAll(async () => {
  fake = await startFakeA1111({ port: 0, stepMs: 15, auth: AUTH });
});
afterAll(async () => {
  await fake.close();
  configure({ A1111_URL: undefined, A1111_AUTH: undefined });
});
beforeEach(() => {
  fake.reset();
  configure({ A1111_URL: fake.url, A1111_AUTH: AUTH });
});

const req = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a red fox in the snow, masterpiece",
  negativePrompt: "blurry",
  size: "512x768",
  n: 1,
  steps: 8,
  ...over,
});
const signal = () => new AbortController().signal;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as AppError,
  );
const txt2imgCalls = () => fake.requests().filter((r) => r.endpoint === "txt2img");

async function postFake(path: string, body?: unknown) {
  const res = await fetch(fake.url + path, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(AUTH).toString("base64")}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

describe("automatic1111Backend: facts", () => {
  it("takes its facts from the catalog and is configured by A1111_URL", () => {
    expect(automatic1111Backend.id).toBe("automatic1111");
    expect(automatic1111Backend.label).toBe(BACKENDS.automatic1111.label);
    expect(automatic1111Backend.capabilities).toEqual(BACKENDS.automatic1111.capabilities);
    expect(createAutomatic1111Backend().model).toBe(A1111_DEFAULT_MODEL);
    expect(automatic1111Backend.isConfigured()).toBe(true);
    configure({ A1111_URL: undefined });
    expect(automatic1111Backend.isConfigured()).toBe(false);
  });
});

describe("automatic1111Backend: generate against the fake", () => {
  it("returns n real PNGs of the requested size with the seeds the server reports, and sends basic auth", async () => {
    const images = await backend.generate(req({ n: 3, seed: 1234 }), { signal: signal() });
    expect(images).toHaveLength(3);
    expect(images.map((i) => i.seed)).toEqual([1234, 1235, 1236]);
    for (const image of images) {
      expect(image).toMatchObject({ mime: "image/png", width: 512, height: 768 });
      const meta = await sharp(image.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", 512, 768]);
      expect(image.meta).toMatchObject({ sampler: "DPM++ 2M", model: "v1-5-pruned-emaonly", modelHash: "6ce0161689" });
      expect(String(image.meta?.infotext)).toContain(`Seed: ${image.seed}`);
    }
    // A batch's images differ (each seed its own picture).
    expect(Buffer.from(images[0]!.bytes).equals(Buffer.from(images[1]!.bytes))).toBe(false);

    const [call] = txt2imgCalls();
    expect(call).toMatchObject({ method: "POST", auth: "ok", user: "artist", unknownFields: [] });
    expect(call?.body).toMatchObject({
      prompt: "a red fox in the snow, masterpiece",
      negative_prompt: "blurry",
      seed: 1234,
      width: 512,
      height: 768,
      steps: 8,
      batch_size: 3,
      n_iter: 1,
      send_images: true,
      save_images: false,
    });
    // Every call carries the credentials, progress polls included.
    expect(fake.requests().every((r) => r.auth === "ok")).toBe(true);
  });

  it("without a seed sends -1 and returns the random seeds A1111 picked, consecutive in the batch", async () => {
    const images = await backend.generate(req({ n: 2 }), { signal: signal() });
    expect(txt2imgCalls()[0]?.body).toMatchObject({ seed: -1 });
    const [a, b] = images.map((i) => i.seed!);
    expect(Number.isInteger(a)).toBe(true);
    expect(b).toBe(a! + 1);
    expect(String(images[0]!.meta?.infotext)).toContain(`Seed: ${a}`);
  });

  it("gives the same picture for the same prompt and seed", async () => {
    const [first] = await backend.generate(req({ seed: 42 }), { signal: signal() });
    const [again] = await backend.generate(req({ seed: 42 }), { signal: signal() });
    expect(Buffer.from(first!.bytes).equals(Buffer.from(again!.bytes))).toBe(true);
  });

  it("reports progress while the job runs: rising, below 1, then 1 at the end", async () => {
    const progress: number[] = [];
    await backend.generate(req({ steps: 20 }), { signal: signal(), onProgress: (f) => progress.push(f) });
    expect(progress.at(-1)).toBe(1);
    const during = progress.slice(0, -1);
    expect(during.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThan(progress[i - 1]!);
    expect(during.every((f) => f > 0 && f < 1)).toBe(true);
    const polls = fake.requests().filter((r) => r.endpoint === "progress");
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((r) => r.path === "/sdapi/v1/progress?skip_current_image=true" && r.method === "GET")).toBe(
      true,
    );
  });

  it("loads the checkpoint asked for, and learns the model name from the answer", async () => {
    const xl = FAKE_CHECKPOINTS[1]!;
    const own = createAutomatic1111Backend({ pollMs: 50 });
    expect(own.model).toBe(A1111_DEFAULT_MODEL);
    const [image] = await own.generate(req({ size: "1024x1024", checkpoint: xl.title }), { signal: signal() });
    expect(txt2imgCalls()[0]?.body).toMatchObject({ override_settings: { sd_model_checkpoint: xl.title } });
    expect(image).toMatchObject({ width: 1024, height: 1024, meta: { model: xl.model_name } });
    expect(own.model).toBe(xl.model_name);
  });

  it("reports the model A1111 really ran when it fell back from an unknown checkpoint", async () => {
    const [image] = await backend.generate(req({ checkpoint: "no-such-model.safetensors" }), { signal: signal() });
    expect(image?.meta?.model).toBe(FAKE_CHECKPOINTS[0]!.model_name);
  });

  it("uses the real format when the server's samples_format is not PNG", async () => {
    expect((await postFake("/sdapi/v1/options", { samples_format: "jpg" })).status).toBe(200);
    const [image] = await backend.generate(req(), { signal: signal() });
    expect(image).toMatchObject({ mime: "image/jpeg", width: 512, height: 768 });
  });

  it("ignores images a script appends after the batch", async () => {
    const withMaps = await startFakeA1111({ port: 0, stepMs: 5, extraImages: 2 });
    try {
      configure({ A1111_URL: withMaps.url, A1111_AUTH: undefined });
      const images = await backend.generate(req({ n: 2, seed: 9 }), { signal: signal() });
      expect(images.map((i) => i.seed)).toEqual([9, 10]);
    } finally {
      await withMaps.close();
    }
  });
});

describe("automatic1111Backend: cancel and interrupt", () => {
  it("on cancel sends /interrupt, drops the request and ends with an AbortError quickly", async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const started = Date.now();
    const run = failure(
      backend.generate(req({ steps: 150 }), { signal: controller.signal, onProgress: (f) => progress.push(f) }),
    );
    // 150 steps x 15 ms is over 2 s; cancel once the job is visibly under way.
    await new Promise((r) => setTimeout(r, 400));
    const canceledAt = Date.now();
    controller.abort();
    const e = await run;
    expect(e).toBeInstanceOf(DOMException);
    expect((e as unknown as DOMException).name).toBe("AbortError");
    expect(Date.now() - canceledAt).toBeLessThan(500);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).not.toContain(1);
    const interrupts = fake.requests().filter((r) => r.endpoint === "interrupt");
    expect(interrupts).toHaveLength(1);
    expect(interrupts[0]).toMatchObject({ method: "POST", auth: "ok" });
    // The server stopped its job at the next step: idle again well before its 150 steps.
    await new Promise((r) => setTimeout(r, 100));
    const res = await fetch(`${fake.url}/sdapi/v1/progress`, {
      headers: { authorization: `Basic ${Buffer.from(AUTH).toString("base64")}` },
    });
    expect(await res.json()).toMatchObject({ progress: 0, state: { job_count: 0, interrupted: true } });
  });

  it("does not call the server at all when already canceled", async () => {
    const controller = new AbortController();
    controller.abort();
    const e = await failure(backend.generate(req(), { signal: controller.signal }));
    expect((e as unknown as DOMException).name).toBe("AbortError");
    expect(fake.requests()).toHaveLength(0);
  });

  it("interrupts a hung server when the deadline passes", async () => {
    fake.setMode({ mode: "hang", endpoint: "txt2img" });
    const e = await failure(backend.generate(req(), { signal: AbortSignal.timeout(300) }));
    expect((e as unknown as DOMException).name).toBe("AbortError");
    expect(fake.requests().filter((r) => r.endpoint === "interrupt")).toHaveLength(1);
  });

  it("keeps nothing when the job was interrupted on the server by someone else", async () => {
    const run = failure(backend.generate(req({ steps: 60 }), { signal: signal() }));
    await new Promise((r) => setTimeout(r, 300));
    expect((await postFake("/sdapi/v1/interrupt")).status).toBe(200);
    const e = await run;
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe("interrupted");
  });
});

describe("automatic1111Backend: failures", () => {
  const cases: { mode: FakeA1111Mode; code: string; message: RegExp; retryAfter?: number }[] = [
    { mode: "error500", code: "backend_error", message: /^AUTOMATIC1111 ran out of GPU memory/ },
    { mode: "unavailable503", code: "backend_unavailable", message: /unavailable \(503\)/, retryAfter: 3 },
    { mode: "rate429", code: "rate_limited", message: /limiting requests/, retryAfter: 2 },
    { mode: "apiOff", code: "backend_unavailable", message: /the API is off: start it with --api/ },
    { mode: "badBase64", code: "backend_error", message: /not valid base64/ },
    { mode: "notImage", code: "backend_error", message: /not an image/ },
    { mode: "badJson", code: "backend_error", message: /not JSON/ },
    { mode: "black", code: "backend_error", message: /only black images/ },
  ];
  for (const c of cases) {
    it(`maps ${c.mode} to ${c.code}`, async () => {
      fake.setMode({ mode: c.mode, endpoint: "txt2img", times: 1 });
      const e = await failure(backend.generate(req(), { signal: signal() }));
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe(c.code);
      expect(e.message).toMatch(c.message);
      if (c.retryAfter !== undefined) expect(e.retryAfter).toBe(c.retryAfter);
      expect(txt2imgCalls()).toHaveLength(1);
    });
  }

  it("maps wrong credentials to backend_unavailable, naming A1111_AUTH", async () => {
    configure({ A1111_URL: fake.url, A1111_AUTH: "artist:wrong" });
    const e = await failure(backend.generate(req(), { signal: signal() }));
    expect(e).toMatchObject({
      code: "backend_unavailable",
      message: "A1111 rejected the credentials; check A1111_AUTH.",
    });
    expect(txt2imgCalls()[0]).toMatchObject({ auth: "bad", user: "artist" });
  });

  it("accepts credentials written into A1111_URL", async () => {
    const url = new URL(fake.url);
    url.username = "artist";
    url.password = "s3cret-pass";
    configure({ A1111_URL: url.toString(), A1111_AUTH: undefined });
    const images = await backend.generate(req(), { signal: signal() });
    expect(images).toHaveLength(1);
    expect(txt2imgCalls()[0]).toMatchObject({ auth: "ok", user: "artist" });
  });

  it("says the server is not reachable, with host:port and without the credentials", async () => {
    const spare = createServer();
    await new Promise<void>((r) => spare.listen(0, "127.0.0.1", r));
    const { port } = spare.address() as AddressInfo;
    await new Promise<void>((r) => spare.close(() => r()));
    configure({ A1111_URL: `http://artist:s3cret-pass@127.0.0.1:${port}`, A1111_AUTH: undefined });
    const e = await failure(backend.generate(req(), { signal: signal() }));
    expect(e).toMatchObject({
      code: "backend_unavailable",
      message: `AUTOMATIC1111 is not reachable at 127.0.0.1:${port}.`,
      retryable: true,
    });
    expect(JSON.stringify({ m: e.message, d: e.details })).not.toContain("s3cret");
  });

  it("maps a connection reset mid-answer to backend_unavailable", async () => {
    const rude = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100000" });
      res.write('{"images": ["iVBORw0KGgo');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((r) => rude.listen(0, "127.0.0.1", r));
    try {
      const { port } = rude.address() as AddressInfo;
      configure({ A1111_URL: `http://127.0.0.1:${port}`, A1111_AUTH: undefined });
      const e = await failure(backend.generate(req(), { signal: signal() }));
      expect(e).toMatchObject({
        code: "backend_unavailable",
        message: `AUTOMATIC1111 is not reachable at 127.0.0.1:${port}.`,
      });
    } finally {
      rude.closeAllConnections();
      await new Promise<void>((r) => rude.close(() => r()));
    }
  });

  it("maps a real 422 from the server (a body A1111 cannot read) to backend_error", async () => {
    const { status, json } = await postFake("/sdapi/v1/txt2img", { prompt: "x", steps: "many", batch_size: [2] });
    expect(status).toBe(422);
    const e = httpError(status, {}, JSON.stringify(json));
    expect(e.code).toBe("backend_error");
    // Pydantic reports in the model's field order: batch_size comes before steps there.
    expect(e.message).toBe(
      "AUTOMATIC1111 rejected the request: batch_size: value is not a valid integer; steps: value is not a valid integer",
    );
  });
});

describe("automatic1111Backend: listCheckpoints", () => {
  it("lists the titles of /sdapi/v1/sd-models", async () => {
    const titles = await backend.listCheckpoints!({ signal: signal() });
    expect(titles).toEqual(FAKE_CHECKPOINTS.map((c) => c.title));
    expect(titles[0]).toBe("v1-5-pruned-emaonly.safetensors [6ce0161689]");
    expect(fake.requests()[0]).toMatchObject({ method: "GET", path: "/sdapi/v1/sd-models", auth: "ok" });
  });

  it("maps a server without --api, and one that does not answer in time", async () => {
    fake.setMode({ mode: "apiOff", endpoint: "sd-models", times: 1 });
    expect((await failure(backend.listCheckpoints!({ signal: signal() }))).code).toBe("backend_unavailable");
    fake.setMode({ mode: "hang", endpoint: "sd-models", times: 1 });
    expect((await failure(backend.listCheckpoints!({ signal: AbortSignal.timeout(200) }))).code).toBe("timeout");
  });
});
