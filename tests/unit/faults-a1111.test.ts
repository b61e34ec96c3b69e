/**
 * Faults injected through the fake AUTOMATIC1111 server into generations, driven through the
 * studio's generate use case: a clean failure with a clear reason and code, or success after
 * a retry where retrying is safe (429, 503, a dropped connection; never an out-of-memory 500).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type FakeA1111, startFakeA1111 } from "@/tests/fakes/a1111";
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

let fake: FakeA1111;
const txt2imgCalls = () => fake.requests().filter((r) => r.endpoint === "txt2img").length;

beforeAll(async () => {
  fake = await startFakeA1111({ port: 0, stepMs: 2 });
});
afterAll(async () => {
  await closeStore();
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  await configure({
    A1111_URL: fake.url,
    A1111_AUTH: undefined,
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    GENERATE_RETRIES: "2",
    RETRY_BASE_MS: "5",
    GENERATE_TIMEOUT_MS: "20000",
  });
});

const params = { size: "512x512", n: 2, steps: 4 };

describe("AUTOMATIC1111: faults that end the generation", () => {
  const cases = [
    // Out of GPU memory will not pass by waiting: never retried.
    { mode: "error500", code: "backend_error", message: /ran out of GPU memory/, calls: 1 },
    { mode: "apiOff", code: "backend_unavailable", message: /start it with --api/, calls: 1 },
    { mode: "badJson", code: "backend_error", message: /not JSON/, calls: 1 },
    { mode: "badBase64", code: "backend_error", message: /not valid base64/, calls: 1 },
    { mode: "notImage", code: "backend_error", message: /not an image/, calls: 1 },
    { mode: "black", code: "backend_error", message: /only black images/, calls: 1 },
    // A dropped connection may pass, so it is retried, and then reported.
    { mode: "reset", code: "backend_unavailable", message: /AUTOMATIC1111 .*127\.0\.0\.1/, calls: 3 },
    { mode: "truncated", code: "backend_unavailable", message: /AUTOMATIC1111 .*127\.0\.0\.1/, calls: 3 },
  ] as const;
  for (const c of cases) {
    it(`${c.mode} every time → failed ${c.code}, nothing stored`, async () => {
      const version = await savedPrompt();
      const before = filesOnDisk();
      fake.setMode({ mode: c.mode, endpoint: "txt2img" });
      const g = await generateToEnd(version, "automatic1111", params);
      await expectCleanFailure(g, version, before, { code: c.code, message: c.message });
      expect(txt2imgCalls()).toBe(c.calls);
    });
  }

  it("a server that never answers → failed timeout, the job interrupted on the server, nothing stored", async () => {
    await configure({ GENERATE_TIMEOUT_MS: "500" });
    const version = await savedPrompt();
    const before = filesOnDisk();
    fake.setMode({ mode: "hang", endpoint: "txt2img" });
    const g = await generateToEnd(version, "automatic1111", params);
    await expectCleanFailure(g, version, before, { code: "timeout", message: /timed out after 0\.5 s/ });
    await expect.poll(() => fake.requests().filter((r) => r.endpoint === "interrupt").length).toBe(1);
  });

  it("429 every time → failed rate_limited after the retries, Retry-After honoured", async () => {
    await configure({ GENERATE_RETRIES: "1" });
    const version = await savedPrompt();
    const before = filesOnDisk();
    fake.setMode({ mode: "rate429", endpoint: "txt2img" });
    const started = Date.now();
    const g = await generateToEnd(version, "automatic1111", params);
    await expectCleanFailure(g, version, before, { code: "rate_limited", message: /limiting requests/ });
    expect(txt2imgCalls()).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_950); // Retry-After: 2
  });
});

describe("AUTOMATIC1111: faults a retry gets past", () => {
  const cases = [
    { mode: "rate429", minMs: 1_950 },
    { mode: "unavailable503", minMs: 2_950 },
    { mode: "reset", minMs: 0 },
    { mode: "truncated", minMs: 0 },
  ] as const;
  for (const c of cases) {
    it(`${c.mode} once → retried, then succeeded with every image stored`, async () => {
      const version = await savedPrompt();
      const before = filesOnDisk();
      fake.setMode({ mode: c.mode, endpoint: "txt2img", times: 1 });
      const started = Date.now();
      const g = await generateToEnd(version, "automatic1111", params);
      await expectSuccess(g, version, before);
      expect(g.images).toHaveLength(2);
      expect(txt2imgCalls()).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(c.minMs);
    });
  }
});
