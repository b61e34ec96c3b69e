import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseInfo } from "@/lib/backends/automatic1111";
import { decodeImages } from "@/lib/backends/automatic1111/images";
import { parseTxt2imgResponse } from "@/lib/backends/automatic1111/response";
import { FAKE_CHECKPOINTS, type FakeA1111, startFakeA1111 } from "@/tests/fakes/a1111";

let fake: FakeA1111;

beforeAll(async () => {
  fake = await startFakeA1111({ port: 0, stepMs: 10 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(fake.url + path, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as Record<string, unknown> };
}

const txt2img = (body: Record<string, unknown>) =>
  call("POST", "/sdapi/v1/txt2img", { prompt: "a lighthouse", width: 64, height: 64, steps: 4, ...body });
const info = (json: Record<string, unknown>) => JSON.parse(json.info as string) as Record<string, unknown>;

describe("fake A1111: txt2img", () => {
  it("answers { images, parameters, info } with real PNGs, A1111's seeds and infotexts", async () => {
    const { status, json } = await txt2img({ seed: 100, batch_size: 2, n_iter: 2, width: 96, height: 64 });
    expect(status).toBe(200);
    const images = json.images as string[];
    expect(images).toHaveLength(4);
    for (const b64 of images) {
      const meta = await sharp(Buffer.from(b64, "base64")).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", 96, 64]);
      expect(meta.comments?.[0]?.keyword).toBe("parameters");
    }
    const i = info(json);
    expect(i).toMatchObject({ seed: 100, all_seeds: [100, 101, 102, 103], index_of_first_image: 0, batch_size: 2 });
    expect(i.infotexts as string[]).toHaveLength(4);
    expect((i.infotexts as string[])[3]).toMatch(/^a lighthouse\nSteps: 4, Sampler: Euler, .*Seed: 103, Size: 96x64/);
    // parameters echoes the request model: the seed as sent, defaults filled in.
    expect(json.parameters).toMatchObject({ seed: 100, batch_size: 2, sampler_index: "Euler", send_images: true });
  });

  it("picks a random seed for -1, and the same prompt and seed give the same bytes", async () => {
    const random = info((await txt2img({ seed: -1 })).json);
    expect(random.seed).toBeGreaterThanOrEqual(0);
    expect(random.seed).toBeLessThan(4294967294);
    const a = await txt2img({ seed: 5 });
    const b = await txt2img({ seed: 5 });
    const c = await txt2img({ seed: 6 });
    expect((a.json.images as string[])[0]).toBe((b.json.images as string[])[0]);
    expect((a.json.images as string[])[0]).not.toBe((c.json.images as string[])[0]);
  });

  it("coerces like pydantic, ignores unknown fields (recording them), and 422s what it cannot read", async () => {
    expect((await txt2img({ steps: "3", restore_faces: "no", seeed: 4 })).status).toBe(200);
    expect(fake.requests()[0]?.unknownFields).toEqual(["seeed"]);
    const bad = await txt2img({ steps: "many", cfg_scale: "high", send_images: "maybe", override_settings: [1] });
    expect(bad.status).toBe(422);
    expect(bad.json).toEqual({
      detail: [
        { loc: ["body", "steps"], msg: "value is not a valid integer", type: "type_error.integer" },
        { loc: ["body", "cfg_scale"], msg: "value is not a valid float", type: "type_error.float" },
        { loc: ["body", "override_settings"], msg: "value is not a valid dict", type: "type_error.dict" },
        { loc: ["body", "send_images"], msg: "value could not be parsed to a boolean", type: "type_error.bool" },
      ],
    });
    expect((await call("POST", "/sdapi/v1/txt2img", "{not json")).status).toBe(422);
    expect((await call("POST", "/sdapi/v1/txt2img", [1, 2])).status).toBe(422);
  });

  it("puts a grid in front when asked to save, and the backend skips it", async () => {
    const { json, text } = await txt2img({ seed: 7, batch_size: 3, save_images: true });
    const images = json.images as string[];
    expect(images).toHaveLength(4);
    const grid = await sharp(Buffer.from(images[0]!, "base64")).metadata();
    expect([grid.width, grid.height]).toEqual([128, 128]);
    expect(info(json)).toMatchObject({ index_of_first_image: 1, all_seeds: [7, 8, 9] });
    const answer = parseTxt2imgResponse(text);
    const picked = await decodeImages(answer.images, parseInfo(answer.info), 3, "m");
    expect(picked.map((p) => [p.seed, p.width, p.height])).toEqual([
      [7, 64, 64],
      [8, 64, 64],
      [9, 64, 64],
    ]);
    expect(String(picked[0]!.meta?.infotext)).toContain("Seed: 7");
  });

  it("runs the checkpoint named in override_settings, or falls back to the first", async () => {
    const xl = FAKE_CHECKPOINTS[1]!;
    expect(info((await txt2img({ override_settings: { sd_model_checkpoint: xl.title } })).json)).toMatchObject({
      sd_model_name: xl.model_name,
      sd_model_hash: xl.hash,
    });
    expect(
      info((await txt2img({ override_settings: { sd_model_checkpoint: xl.model_name } })).json).sd_model_name,
    ).toBe(xl.model_name);
    expect(info((await txt2img({ override_settings: { sd_model_checkpoint: "nope" } })).json).sd_model_name).toBe(
      FAKE_CHECKPOINTS[0]!.model_name,
    );
  });

  it("splits a legacy sampler name into sampler and schedule type", async () => {
    const i = info((await txt2img({ sampler_name: "DPM++ 2M Karras" })).json);
    expect(i.sampler_name).toBe("DPM++ 2M");
    expect((i.infotexts as string[])[0]).toContain("Sampler: DPM++ 2M, Schedule type: Karras");
  });
});

describe("fake A1111: progress, queue and interrupt", () => {
  it("reports progress rising with sampling_step while a job runs, and 0 when idle", async () => {
    const idle = await call("GET", "/sdapi/v1/progress?skip_current_image=true");
    expect(idle.json).toMatchObject({ progress: 0, eta_relative: 0, state: { job_count: 0 }, current_image: null });
    const job = txt2img({ steps: 30 });
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const p = (await call("GET", "/sdapi/v1/progress")).json;
      const state = p.state as Record<string, number>;
      if (state.job_count === 1) {
        expect(p.progress).toBeCloseTo(0.01 + state.sampling_step! / 30, 5);
        seen.push(p.progress as number);
      }
    }
    await job;
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect((await call("GET", "/sdapi/v1/progress")).json.progress).toBe(0);
  });

  it("runs one job at a time, in order", async () => {
    const first = txt2img({ steps: 10, seed: 1 });
    const second = txt2img({ steps: 10, seed: 2 });
    const done: number[] = [];
    await Promise.all([first.then(() => done.push(1)), second.then(() => done.push(2))]);
    expect(done).toEqual([1, 2]);
  });

  it("counts txt2img requests held at once (queued behind the lock included) and each one's client port", async () => {
    expect(fake.txt2imgActivity()).toEqual({ inFlight: 0, maxInFlight: 0 });
    const one = await txt2img({ steps: 2, seed: 5 });
    expect(one.status).toBe(200);
    expect(fake.txt2imgActivity()).toEqual({ inFlight: 0, maxInFlight: 1 });
    const both = Promise.all([txt2img({ steps: 10, seed: 6 }), txt2img({ steps: 10, seed: 7 })]);
    await new Promise((r) => setTimeout(r, 60));
    expect(fake.txt2imgActivity().inFlight).toBe(2);
    await both;
    expect(fake.txt2imgActivity()).toEqual({ inFlight: 0, maxInFlight: 2 });
    expect((await call("GET", "/__fake/txt2img-activity")).json).toEqual({ inFlight: 0, maxInFlight: 2 });
    // Other routes are not counted, and a reset starts the high-water mark again.
    await call("GET", "/sdapi/v1/progress");
    fake.reset();
    expect(fake.txt2imgActivity()).toEqual({ inFlight: 0, maxInFlight: 0 });
    const ports = fake.requests().map((r) => r.remotePort);
    expect(ports).toHaveLength(0);
    await txt2img({ steps: 1, seed: 8 });
    const port = fake.requests()[0]?.remotePort;
    expect(Number.isInteger(port) && (port as number) > 0).toBe(true);
  });

  it("stops the running job at /interrupt and still answers 200 with its darker, half-denoised batch", async () => {
    const full = await txt2img({ seed: 3, steps: 40 });
    const job = txt2img({ seed: 3, steps: 40, batch_size: 2 });
    await new Promise((r) => setTimeout(r, 120));
    const started = Date.now();
    expect((await call("POST", "/sdapi/v1/interrupt")).json).toEqual({});
    const cut = await job;
    expect(Date.now() - started).toBeLessThan(200);
    expect(cut.status).toBe(200);
    expect(cut.json.images as string[]).toHaveLength(2);
    const mean = async (b64: string) => (await sharp(Buffer.from(b64, "base64")).stats()).channels[0]!.mean;
    expect(await mean((cut.json.images as string[])[0]!)).toBeLessThan(await mean((full.json.images as string[])[0]!));
    // The flag stays up until the next job begins.
    expect((await call("GET", "/sdapi/v1/progress")).json.state).toMatchObject({ interrupted: true, job_count: 0 });
    await txt2img({ steps: 1 });
    expect((await call("GET", "/sdapi/v1/progress")).json.state).toMatchObject({ interrupted: false });
  });
});

describe("fake A1111: other endpoints, auth and control", () => {
  it("serves sd-models, samplers and options, and sets options", async () => {
    const models = (await call("GET", "/sdapi/v1/sd-models")).json as unknown as Record<string, unknown>[];
    expect(Object.keys(models[0]!).sort()).toEqual(["config", "filename", "hash", "model_name", "sha256", "title"]);
    const samplers = (await call("GET", "/sdapi/v1/samplers")).json as unknown as { name: string }[];
    expect(samplers.map((s) => s.name)).toContain("DPM++ 2M");
    expect((await call("GET", "/sdapi/v1/options")).json).toMatchObject({ samples_format: "png", return_grid: true });
    expect((await call("POST", "/sdapi/v1/options", { samples_format: "webp" })).status).toBe(200);
    const webp = await txt2img({});
    expect((await sharp(Buffer.from((webp.json.images as string[])[0]!, "base64")).metadata()).format).toBe("webp");
    expect((await call("POST", "/sdapi/v1/options", { sd_model_checkpoint: "missing" })).status).toBe(500);
  });

  it("answers FastAPI's 404 and 405 for routes it does not have", async () => {
    expect(await call("GET", "/sdapi/v1/img2img")).toMatchObject({ status: 404, json: { detail: "Not Found" } });
    expect(await call("GET", "/sdapi/v1/txt2img")).toMatchObject({
      status: 405,
      json: { detail: "Method Not Allowed" },
    });
  });

  it("requires basic auth when started with it", async () => {
    const locked = await startFakeA1111({ port: 0, stepMs: 1, auth: "me:pw" });
    try {
      const get = (authorization?: string) =>
        fetch(`${locked.url}/sdapi/v1/sd-models`, { headers: authorization ? { authorization } : {} });
      const none = await get();
      expect(none.status).toBe(401);
      expect(await none.json()).toMatchObject({ error: "HTTPException", detail: "Not authenticated" });
      const wrong = await get(`Basic ${Buffer.from("me:nope").toString("base64")}`);
      expect(await wrong.json()).toMatchObject({ detail: "Incorrect username or password" });
      expect((await get(`Basic ${Buffer.from("me:pw").toString("base64")}`)).status).toBe(200);
      expect(locked.requests().map((r) => [r.auth, r.headers.authorization])).toEqual([
        ["none", undefined],
        ["bad", "[redacted]"],
        ["ok", "[redacted]"],
      ]);
    } finally {
      await locked.close();
    }
  });

  it("is driven over HTTP: mode for the next N requests, requests, reset, health", async () => {
    expect((await call("GET", "/__fake/health")).json).toEqual({ ok: true });
    expect((await call("POST", "/__fake/mode", { mode: "nonsense" })).status).toBe(400);
    expect((await call("POST", "/__fake/mode", { mode: "badBase64", times: 1 })).status).toBe(200);
    // A content mode is not used up by a progress poll.
    expect((await call("GET", "/sdapi/v1/progress")).status).toBe(200);
    expect((await txt2img({})).json.images).toEqual(["this is not base64!"]);
    expect((await txt2img({})).status).toBe(200);
    expect(
      (await call("POST", "/__fake/mode", { mode: "unavailable503", endpoint: "sd-models", times: 2 })).status,
    ).toBe(200);
    const down = await call("GET", "/sdapi/v1/sd-models");
    expect([down.status, down.headers.get("retry-after")]).toEqual([503, "3"]);
    expect((await call("GET", "/sdapi/v1/sd-models")).status).toBe(503);
    expect((await call("GET", "/sdapi/v1/sd-models")).status).toBe(200);
    const recorded = (await call("GET", "/__fake/requests")).json as unknown as { path: string }[];
    expect(recorded.map((r) => r.path)).toEqual([
      "/sdapi/v1/progress",
      "/sdapi/v1/txt2img",
      "/sdapi/v1/txt2img",
      "/sdapi/v1/sd-models",
      "/sdapi/v1/sd-models",
      "/sdapi/v1/sd-models",
    ]);
    await call("POST", "/__fake/reset");
    expect((await call("GET", "/__fake/requests")).json).toEqual([]);
  });
});
