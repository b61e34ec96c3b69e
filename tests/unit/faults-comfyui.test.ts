/**
 * Faults injected through the fake ComfyUI server into generations, driven through the
 * studio's generate use case: a clean failure with a clear reason and code, or success after
 * a retry where retrying is safe (429, 5xx, a connection dropped mid-answer).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type FakeComfyUI, startFakeComfyUI } from "@/tests/fakes/comfyui";
import {
  closeStore,
  configure,
  expectCleanFailure,
  expectSuccess,
  filesOnDisk,
  generateToEnd,
  savedPrompt,
} from "./faults-harness";

// Generous: on a busy machine the first import of the app's modules alone can take seconds.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let fake: FakeComfyUI;
const prompts = () => fake.requests().filter((r) => r.method === "POST" && r.path === "/prompt").length;

beforeAll(async () => {
  fake = await startFakeComfyUI({ port: 0, stepMs: 2 });
});
afterAll(async () => {
  await closeStore();
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  await configure({
    COMFYUI_URL: fake.url,
    COMFYUI_WORKFLOW: undefined,
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    GENERATE_RETRIES: "2",
    RETRY_BASE_MS: "5",
    GENERATE_TIMEOUT_MS: "20000",
  });
});

const params = { size: "512x512", n: 2, steps: 4, checkpoint: "v1-5-pruned-emaonly.safetensors" };

describe("ComfyUI: faults that end the generation", () => {
  const cases = [
    { mode: "executionError", code: "backend_error", message: /ComfyUI failed in KSampler: mat1 and mat2/, prompts: 1 },
    { mode: "oom", code: "backend_error", message: /ran out of GPU memory/, prompts: 1 },
    { mode: "notImage", code: "backend_error", message: /not an image/, prompts: 1 },
    { mode: "badHistory", code: "backend_error", message: /\/history with something that is not JSON/, prompts: 1 },
    // 5xx and dropped connections may pass: retried, then reported.
    { mode: "unavailable500", code: "backend_error", message: /HTTP 500/, prompts: 3 },
    { mode: "resetView", code: "backend_unavailable", message: /dropped while it answered \/view/, prompts: 3 },
    { mode: "truncatedView", code: "backend_unavailable", message: /dropped while it answered \/view/, prompts: 3 },
  ] as const;
  for (const c of cases) {
    it(`${c.mode} every time → failed ${c.code}, nothing stored`, async () => {
      const version = await savedPrompt();
      const before = filesOnDisk();
      fake.setMode({ mode: c.mode });
      const g = await generateToEnd(version, "comfyui", params);
      await expectCleanFailure(g, version, before, { code: c.code, message: c.message });
      expect(prompts()).toBe(c.prompts);
    });
  }

  it("a run that never progresses → failed timeout, the prompt interrupted on the server, nothing stored", async () => {
    await configure({ GENERATE_TIMEOUT_MS: "600" });
    const version = await savedPrompt();
    const before = filesOnDisk();
    fake.setMode({ mode: "hang" });
    const g = await generateToEnd(version, "comfyui", params);
    await expectCleanFailure(g, version, before, { code: "timeout", message: /timed out after 0\.6 s/ });
    await expect
      .poll(() => fake.requests().filter((r) => r.path === "/interrupt" || r.path === "/queue").length)
      .toBeGreaterThan(0);
  });

  it("429 every time → failed rate_limited after the retries, Retry-After honoured", async () => {
    await configure({ GENERATE_RETRIES: "1" });
    const version = await savedPrompt();
    const before = filesOnDisk();
    fake.setMode({ mode: "rate429" });
    const started = Date.now();
    const g = await generateToEnd(version, "comfyui", params);
    await expectCleanFailure(g, version, before, { code: "rate_limited", message: /limiting requests/ });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950); // Retry-After: 1
  });
});

describe("ComfyUI: faults a retry gets past", () => {
  const cases = ["rate429", "unavailable500", "resetView", "truncatedView"] as const;
  for (const mode of cases) {
    it(`${mode} once → retried, then succeeded with every image stored`, async () => {
      const version = await savedPrompt();
      const before = filesOnDisk();
      fake.setMode({ mode, times: 1 });
      const g = await generateToEnd(version, "comfyui", params);
      await expectSuccess(g, version, before);
      expect(g.images).toHaveLength(2);
    });
  }

  it("a websocket cut mid-run → followed by polling, succeeded", async () => {
    const version = await savedPrompt();
    const before = filesOnDisk();
    fake.setMode({ mode: "dropSocket", times: 1 });
    const g = await generateToEnd(version, "comfyui", params);
    await expectSuccess(g, version, before);
  });
});
