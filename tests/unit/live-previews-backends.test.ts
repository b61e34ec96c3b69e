/**
 * Live previews (issue 12), per backend against its fake in the real format: A1111's
 * current_image from /sdapi/v1/progress, ComfyUI's binary PREVIEW_IMAGE frames on /ws, and
 * OpenAI's image_generation.partial_image stream events. Each adapter hands over decoded frames
 * only when asked (onPreview), and its result is the final images alone.
 */
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAutomatic1111Backend } from "@/lib/backends/automatic1111";
import { decodeCurrentImage } from "@/lib/backends/automatic1111/progress";
import { createComfyuiBackend } from "@/lib/backends/comfyui";
import { parsePreviewFrame } from "@/lib/backends/comfyui/preview-frame";
import { openaiBackend } from "@/lib/backends/openai-backend";
import type { PreviewFrame } from "@/lib/backends/types";
import { resetConfigForTests } from "@/lib/config";
import { resetOpenAIClientForTests } from "@/lib/openai-client";
import { type FakeA1111, startFakeA1111 } from "@/tests/fakes/a1111";
import { type FakeComfyUI, startFakeComfyUI } from "@/tests/fakes/comfyui";
import { type FakeOpenAI, startFakeOpenAI } from "@/tests/fakes/openai";

function configure(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
  resetOpenAIClientForTests();
}

const signal = () => new AbortController().signal;

/** What sharp reads in a frame: its real format and size. */
async function look(frame: PreviewFrame) {
  const meta = await sharp(frame.bytes).metadata();
  return { mime: frame.mime, format: meta.format, width: meta.width, height: meta.height };
}

/** Mean brightness of a frame: an earlier frame of the fakes is dimmer or greyer than a later one. */
async function mean(bytes: Uint8Array): Promise<number> {
  const { channels } = await sharp(bytes).stats();
  return channels.slice(0, 3).reduce((sum, c) => sum + c.mean, 0) / 3;
}

let a1111: FakeA1111;
let comfy: FakeComfyUI;
let openai: FakeOpenAI;

beforeAll(async () => {
  [a1111, comfy, openai] = await Promise.all([
    startFakeA1111({ port: 0, stepMs: 15 }),
    startFakeComfyUI({ port: 0, stepMs: 5 }),
    startFakeOpenAI({ port: 0 }),
  ]);
});
afterAll(async () => {
  await Promise.all([a1111.close(), comfy.close(), openai.close()]);
  configure({ A1111_URL: undefined, COMFYUI_URL: undefined, OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
});

describe("AUTOMATIC1111: current_image", () => {
  const backend = createAutomatic1111Backend({ pollMs: 30 });
  const req = { prompt: "a red fox in the snow", size: "512x512", n: 1, steps: 24 };

  it("asks for current_image only with onPreview, and hands over each new picture once, decoded", async () => {
    a1111.reset();
    configure({ A1111_URL: a1111.url });
    // A redraw every 4 steps: 24 steps of 15 ms give several, each seen by more than one poll.
    const set = await fetch(`${a1111.url}/sdapi/v1/options`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ show_progress_every_n_steps: 4 }),
    });
    expect(set.status).toBe(200);
    const frames: PreviewFrame[] = [];
    const images = await backend.generate(req, { signal: signal(), onPreview: (f) => frames.push(f) });

    expect(images).toHaveLength(1);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    // The same picture polled twice is handed over once: fewer frames than answers carrying one.
    const progress = a1111.requests().filter((r) => r.path.startsWith("/sdapi/v1/progress"));
    expect(progress.some((r) => r.path.endsWith("skip_current_image=false"))).toBe(true);
    expect(frames.length).toBeLessThan(progress.length);
    for (const frame of frames)
      expect(await look(frame)).toEqual({ mime: "image/png", format: "png", width: 512, height: 512 });
    // Later frames are further along: brighter.
    const first = await mean(frames[0]!.bytes);
    const last = await mean(frames.at(-1)!.bytes);
    expect(last).toBeGreaterThan(first);
    // The result is the final image, not a preview.
    expect(await mean(images[0]!.bytes)).toBeGreaterThan(last);
  });

  it("keeps skip_current_image=true without onPreview (the server encodes nothing for us)", async () => {
    a1111.reset();
    configure({ A1111_URL: a1111.url });
    await backend.generate({ ...req, steps: 12 }, { signal: signal() });
    const progress = a1111.requests().filter((r) => r.path.startsWith("/sdapi/v1/progress"));
    expect(progress.length).toBeGreaterThan(0);
    for (const r of progress) expect(r.path).toBe("/sdapi/v1/progress?skip_current_image=true");
  });

  it("decodes plain base64 and a data: URL, and refuses what is no image", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(decodeCurrentImage(png.toString("base64"))?.mime).toBe("image/png");
    expect(decodeCurrentImage(`data:image/png;base64,${png.toString("base64")}`)?.mime).toBe("image/png");
    expect(decodeCurrentImage(Buffer.from("not an image").toString("base64"))).toBeUndefined();
  });
});

describe("ComfyUI: binary preview frames", () => {
  const backend = createComfyuiBackend({ pollMs: 20, quietMs: 2_000, socketOpenMs: 2_000 });

  it("hands over every PREVIEW_IMAGE frame of its prompt as a JPEG; the result is the saved image", async () => {
    comfy.reset();
    configure({ COMFYUI_URL: comfy.url, COMFYUI_WORKFLOW: undefined });
    const frames: PreviewFrame[] = [];
    const images = await backend.generate(
      { prompt: "a lighthouse at dusk", size: "768x512", n: 1, steps: 6, seed: 7 },
      { signal: signal(), onPreview: (f) => frames.push(f) },
    );
    expect(frames).toHaveLength(6); // one per step, as ComfyUI sends with previews on
    for (const frame of frames) {
      // send_image fits a preview into 512 px.
      expect(await look(frame)).toEqual({ mime: "image/jpeg", format: "jpeg", width: 512, height: 341 });
    }
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ mime: "image/png", width: 768, height: 512 });
  });

  it("reads PREVIEW_IMAGE_WITH_METADATA and skips other binary events", () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
    const word = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(n);
      return b;
    };
    expect(parsePreviewFrame(Buffer.concat([word(1), word(2), jpeg]))?.frame.mime).toBe("image/png");
    const meta = Buffer.from(JSON.stringify({ image_type: "image/jpeg", prompt_id: "p1", node_id: "3" }));
    const withMeta = parsePreviewFrame(Buffer.concat([word(4), word(meta.length), meta, jpeg]));
    expect(withMeta?.promptId).toBe("p1");
    expect(withMeta?.frame.mime).toBe("image/jpeg");
    expect(Buffer.from(withMeta?.frame.bytes ?? [])).toEqual(jpeg);
    expect(parsePreviewFrame(Buffer.concat([word(3), word(2), jpeg]))).toBeUndefined(); // TEXT
    expect(parsePreviewFrame(Buffer.concat([word(1), word(9), jpeg]))).toBeUndefined(); // unknown image type
    expect(parsePreviewFrame(Buffer.concat([word(4), word(999), meta]))).toBeUndefined(); // cut short
  });
});

describe("OpenAI: partial images", () => {
  const req = { prompt: "a paper boat on a pond", size: "1024x1024", n: 1 };

  it("streams with partial_images when previews are wanted, and keeps the completed image", async () => {
    openai.reset();
    configure({ OPENAI_API_KEY: "sk-fake", OPENAI_BASE_URL: openai.url, IMAGE_MODEL: "gpt-image-1.5" });
    const frames: PreviewFrame[] = [];
    const images = await openaiBackend.generate(req, { signal: signal(), onPreview: (f) => frames.push(f) });
    const body = openai.requests().find((r) => r.path === "/v1/images/generations")?.body;
    expect(body).toMatchObject({ stream: true, partial_images: 2, n: 1 });
    expect(frames).toHaveLength(2);
    for (const frame of frames)
      expect(await look(frame)).toMatchObject({ mime: "image/png", format: "png", width: 1024 });
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ mime: "image/png", width: 1024, height: 1024, meta: { quality: "medium" } });
    expect(await mean(frames[0]!.bytes)).not.toBe(await mean(images[0]!.bytes));
  });

  it("does not stream without onPreview, nor for n > 1", async () => {
    openai.reset();
    configure({ OPENAI_API_KEY: "sk-fake", OPENAI_BASE_URL: openai.url, IMAGE_MODEL: "gpt-image-1.5" });
    await openaiBackend.generate(req, { signal: signal() });
    const frames: PreviewFrame[] = [];
    const two = await openaiBackend.generate({ ...req, n: 2 }, { signal: signal(), onPreview: (f) => frames.push(f) });
    expect(two).toHaveLength(2);
    expect(frames).toHaveLength(0);
    const bodies = openai.requests().map((r) => r.body as { stream?: boolean });
    expect(bodies.map((b) => b.stream)).toEqual([undefined, undefined]);
  });

  it("fails as backend_error when the stream breaks off, keeping nothing", async () => {
    openai.reset();
    configure({ OPENAI_API_KEY: "sk-fake", OPENAI_BASE_URL: openai.url, IMAGE_MODEL: "gpt-image-1.5" });
    openai.setMode({ mode: "truncated", endpoint: "images", times: 1 });
    const error = await openaiBackend.generate(req, { signal: signal(), onPreview: () => undefined }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "backend_error" });
  });
});
