/**
 * Faults injected through the fake OpenAI server into generations on the OpenAI Images
 * backend, driven through the studio's generate use case. Each asserts the outcome: a clean
 * failure with a clear reason and code, or success after a retry where retrying is safe.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "@/tests/fakes/openai";
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

let fake: FakeOpenAI;
const imageCalls = () => fake.requests().filter((r) => r.endpoint === "images").length;

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0 });
});
afterAll(async () => {
  await closeStore();
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  await configure({
    OPENAI_API_KEY: "sk-fake-faults-key",
    OPENAI_BASE_URL: fake.url,
    GENERATE_RETRIES: "2",
    RETRY_BASE_MS: "5",
    GENERATE_TIMEOUT_MS: "20000",
  });
});

const params = { size: "1024x1024", n: 1 };

describe("OpenAI Images: faults that end the generation", () => {
  const cases = [
    { mode: "error500", code: "backend_error", message: /OpenAI server failed \(500\)/, calls: 3 },
    { mode: "rate429", code: "rate_limited", message: /rate limiting/, calls: 3 },
    { mode: "malformedChunk", code: "backend_error", message: /could not read|not JSON/i, calls: 1 },
    { mode: "badBase64", code: "backend_error", message: /not an image/, calls: 1 },
    { mode: "notImage", code: "backend_error", message: /not an image/, calls: 1 },
  ] as const;
  for (const c of cases) {
    it(`${c.mode} every time → failed ${c.code}, nothing stored`, async () => {
      const version = await savedPrompt();
      const before = filesOnDisk();
      fake.setMode({ mode: c.mode, endpoint: "images" });
      const g = await generateToEnd(version, "openai", params);
      await expectCleanFailure(g, version, before, { code: c.code, message: c.message });
      expect(imageCalls()).toBe(c.calls);
    });
  }

  it("a connection reset mid-body, every time → failed with a clear reason, nothing stored", async () => {
    const version = await savedPrompt();
    const before = filesOnDisk();
    fake.setMode({ mode: "reset", endpoint: "images" });
    const g = await generateToEnd(version, "openai", params);
    await expectCleanFailure(g, version, before, {
      code: g.error?.code === "backend_unavailable" ? "backend_unavailable" : "backend_error",
      message: /OpenAI/,
    });
  });

  it("a body cut short (truncated), every time → failed with a clear reason, nothing stored", async () => {
    const version = await savedPrompt();
    const before = filesOnDisk();
    fake.setMode({ mode: "truncated", endpoint: "images" });
    const g = await generateToEnd(version, "openai", params);
    await expectCleanFailure(g, version, before, {
      code: g.error?.code === "backend_unavailable" ? "backend_unavailable" : "backend_error",
      message: /OpenAI/,
    });
  });

  it("a server that never answers → failed timeout after GENERATE_TIMEOUT_MS, nothing stored", async () => {
    await configure({ GENERATE_TIMEOUT_MS: "400" });
    const version = await savedPrompt();
    const before = filesOnDisk();
    fake.setMode({ mode: "hang", endpoint: "images" });
    const started = Date.now();
    const g = await generateToEnd(version, "openai", params);
    await expectCleanFailure(g, version, before, { code: "timeout", message: /timed out after 0\.4 s/ });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("OpenAI Images: faults a retry gets past", () => {
  const cases = [
    { mode: "error500", calls: 2 },
    { mode: "rate429", calls: 2 },
  ] as const;
  for (const c of cases) {
    it(`${c.mode} once → retried, then succeeded`, async () => {
      const version = await savedPrompt();
      const before = filesOnDisk();
      fake.setMode({ mode: c.mode, endpoint: "images", times: 1 });
      const started = Date.now();
      const g = await generateToEnd(version, "openai", params);
      await expectSuccess(g, version, before);
      expect(imageCalls()).toBe(c.calls);
      // The fake's Retry-After: 1 is honoured.
      if (c.mode === "rate429") expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });
  }

  it("never retries a 4xx that would answer the same (a refusal)", async () => {
    const version = await savedPrompt();
    const before = filesOnDisk();
    fake.setMode({ mode: "refusal", endpoint: "images" });
    const g = await generateToEnd(version, "openai", params);
    await expectCleanFailure(g, version, before, { code: "refused", message: /safety system/ });
    expect(imageCalls()).toBe(1);
  });
});
