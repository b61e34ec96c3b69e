import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  BadRequestError,
  AuthenticationError,
} from "openai";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openaiBackend } from "@/lib/backends/openai-backend";
import { BACKENDS } from "@/lib/catalog";
import { resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { mapOpenAIError, resetOpenAIClientForTests, safeDetail } from "@/lib/openai-client";
import { type FakeOpenAI, startFakeOpenAI, validateAgainstContract } from "@/tests/fakes/openai";

const KEY = "sk-fake-unit-key";
let fake: FakeOpenAI;

function configure(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
  resetOpenAIClientForTests();
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  configure({
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: fake.url,
    IMAGE_MODEL: "gpt-image-1.5",
    GENERATE_TIMEOUT_MS: undefined,
  });
});

const signal = () => new AbortController().signal;
const generateError = (req: Parameters<typeof openaiBackend.generate>[0]) =>
  openaiBackend.generate(req, { signal: signal() }).then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as AppError,
  );

describe("openaiBackend", () => {
  it("takes its facts from the catalog and its model from the config", () => {
    expect(openaiBackend.id).toBe("openai");
    expect(openaiBackend.label).toBe(BACKENDS.openai.label);
    expect(openaiBackend.capabilities).toEqual(BACKENDS.openai.capabilities);
    expect(openaiBackend.model).toBe("gpt-image-1.5");
    expect(openaiBackend.isConfigured()).toBe(true);
    configure({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
    expect(openaiBackend.isConfigured()).toBe(false);
  });

  it("decodes a PNG of the requested size and reports progress at the end", async () => {
    const progress: number[] = [];
    const images = await openaiBackend.generate(
      { prompt: "a red fox in the snow", size: "1024x1536", n: 1 },
      { signal: signal(), onProgress: (f) => progress.push(f) },
    );
    expect(images).toHaveLength(1);
    const [image] = images;
    expect(image).toMatchObject({ mime: "image/png", width: 1024, height: 1536 });
    const meta = await sharp(image!.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1024, 1536]);
    expect(progress).toEqual([1]);
  });

  it("returns n images", async () => {
    const images = await openaiBackend.generate(
      { prompt: "a lighthouse", size: "1024x1024", n: 3 },
      { signal: signal() },
    );
    expect(images).toHaveLength(3);
    expect(new Set(images.map((i) => Buffer.from(i.bytes).toString("base64"))).size).toBe(3);
  });

  it("sends a contract-valid request with model, prompt, n, size, quality and png output", async () => {
    await openaiBackend.generate({ prompt: "a fox", size: "1536x1024", n: 2, quality: "high" }, { signal: signal() });
    const [req] = fake.requests();
    expect(req!.path).toBe("/v1/images/generations");
    expect(req!.contractErrors).toBeNull();
    expect(validateAgainstContract("CreateImageRequest", req!.body)).toEqual({ valid: true });
    expect(req!.body).toEqual({
      model: "gpt-image-1.5",
      prompt: "a fox",
      n: 2,
      size: "1536x1024",
      quality: "high",
      output_format: "png",
    });
    expect(req!.bearer).toBe(true);
  });

  it("leaves quality out when none is given", async () => {
    await openaiBackend.generate({ prompt: "a fox", size: "1024x1024", n: 1 }, { signal: signal() });
    expect(fake.requests()[0]!.body).not.toHaveProperty("quality");
  });

  it("works with only a base URL, sending a placeholder key", async () => {
    configure({ OPENAI_API_KEY: undefined });
    expect(openaiBackend.isConfigured()).toBe(true);
    await openaiBackend.generate({ prompt: "a fox", size: "1024x1024", n: 1 }, { signal: signal() });
    expect(fake.requests()[0]!.bearer).toBe(true);
  });

  it("maps 429 to rate_limited with retryAfter", async () => {
    fake.setMode({ mode: "rate429", endpoint: "images" });
    const e = await generateError({ prompt: "a fox", size: "1024x1024", n: 1 });
    expect(e.code).toBe("rate_limited");
    expect(e.retryAfter).toBe(1);
    expect(fake.requests()).toHaveLength(1);
  });

  it("maps 500 to backend_error", async () => {
    fake.setMode({ mode: "error500", endpoint: "images" });
    expect((await generateError({ prompt: "a fox", size: "1024x1024", n: 1 })).code).toBe("backend_error");
  });

  it("maps a content-policy refusal to refused", async () => {
    fake.setMode({ mode: "refusal", endpoint: "images" });
    const e = await generateError({ prompt: "a fox", size: "1024x1024", n: 1 });
    expect(e.code).toBe("refused");
    expect(e.cause).toBeInstanceOf(BadRequestError);
    // Shown as is under the generation ("Failed: …"), and never retried: the answer would not change.
    expect(e.message).toBe("OpenAI's safety system refused this prompt.");
    expect(e.retryable).toBe(false);
  });

  it("refuses a prompt with a flagged word the same way (the real moderation_blocked body)", async () => {
    const e = await generateError({ prompt: "FLAG_ME at dawn", size: "1024x1024", n: 1 });
    expect(e.code).toBe("refused");
    const body = (e.cause as BadRequestError).error as { code?: string; type?: string };
    expect(body).toMatchObject({ code: "moderation_blocked", type: "image_generation_user_error" });
  });

  it("maps another 400 to backend_error with the server's words", async () => {
    const e = await generateError({ prompt: "a fox", size: "512x512", n: 1 });
    expect(e.code).toBe("backend_error");
    expect(e.message).toContain("Invalid value: '512x512'");
  });

  it("rejects an answer that is not JSON", async () => {
    fake.setMode({ mode: "malformedChunk", endpoint: "images" });
    expect((await generateError({ prompt: "a fox", size: "1024x1024", n: 1 })).code).toBe("backend_error");
  });

  it("rejects b64_json bytes that are not an image", async () => {
    // A compatible server gone wrong: well-formed JSON, but the "image" is text.
    const liar = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ created: 1, data: [{ b64_json: Buffer.from("not a png at all").toString("base64") }] }));
    });
    await new Promise<void>((resolve) => liar.listen(0, "127.0.0.1", resolve));
    try {
      configure({ OPENAI_BASE_URL: `http://127.0.0.1:${(liar.address() as AddressInfo).port}/v1` });
      const e = await generateError({ prompt: "a fox", size: "1024x1024", n: 1 });
      expect(e.code).toBe("backend_error");
      expect(e.message).toMatch(/not an image/);
    } finally {
      liar.closeAllConnections();
      await new Promise((resolve) => liar.close(resolve));
    }
  });

  it("passes the signal through: Stop cancels a generation", async () => {
    fake.setMode({ mode: "hang", endpoint: "images" });
    const e = await openaiBackend
      .generate({ prompt: "a fox", size: "1024x1024", n: 1 }, { signal: AbortSignal.timeout(150) })
      .catch((err: unknown) => err as AppError);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("canceled");
  });

  it("times out after GENERATE_TIMEOUT_MS", async () => {
    configure({ GENERATE_TIMEOUT_MS: "200" });
    fake.setMode({ mode: "hang", endpoint: "images" });
    expect((await generateError({ prompt: "a fox", size: "1024x1024", n: 1 })).code).toBe("timeout");
  });
});

describe("mapOpenAIError", () => {
  const headers = (h: Record<string, string> = {}) => new Headers(h);
  const body = (message: string, code: string | null = null, type = "invalid_request_error") => ({
    message,
    type,
    param: null,
    code,
  });

  it("maps each SDK error to its AppError code, keeping the SDK error as the cause", () => {
    const cases: Array<[unknown, string]> = [
      [
        APIError.generate(429, { error: body("slow down") }, undefined, headers({ "retry-after": "7" })),
        "rate_limited",
      ],
      [
        APIError.generate(401, { error: body(`Incorrect API key provided: ${KEY}`) }, undefined, headers()),
        "backend_unavailable",
      ],
      [APIError.generate(403, { error: body("forbidden") }, undefined, headers()), "backend_unavailable"],
      [APIError.generate(400, { error: body("blocked", "moderation_blocked") }, undefined, headers()), "refused"],
      [
        APIError.generate(
          400,
          { error: body("Your request was rejected as a result of our safety system.", "content_policy_violation") },
          undefined,
          headers(),
        ),
        "refused",
      ],
      [APIError.generate(404, { error: body("model not found") }, undefined, headers()), "backend_error"],
      [
        APIError.generate(503, { error: body("overloaded", null, "server_error") }, undefined, headers()),
        "backend_error",
      ],
      [new APIConnectionError({ message: "Connection error." }), "backend_unavailable"],
      [new APIConnectionTimeoutError(), "timeout"],
      [new APIUserAbortError(), "canceled"],
      [new SyntaxError("Unexpected token"), "backend_error"],
    ];
    for (const [error, code] of cases) {
      const mapped = mapOpenAIError(error);
      expect([mapped.code, mapped.cause]).toEqual([code, error]);
    }
    expect(mapOpenAIError(cases[0]![0]).retryAfter).toBe(7);
    const existing = new AppError("refused", "no");
    expect(mapOpenAIError(existing)).toBe(existing);
  });

  it("never shows the key or a URL with credentials", () => {
    const unauthorized = mapOpenAIError(
      new AuthenticationError(401, body(`Incorrect API key provided: ${KEY}`), undefined, headers()),
    );
    expect(unauthorized.message).not.toContain(KEY);
    expect(unauthorized.message).toMatch(/rejected the key/);
    const leaky = mapOpenAIError(
      APIError.generate(
        418,
        { error: body(`bad call to https://user:pass@example.test/v1 with Bearer ${KEY} and ${KEY}`) },
        undefined,
        headers(),
      ),
    );
    expect(leaky.message).not.toMatch(/pass@|sk-test|example\.test/);
    expect(safeDetail("x".repeat(500)).length).toBeLessThanOrEqual(160);
  });
});
