/**
 * Issue 13.1: POST /v1/images/generations and GET /v1/models, driven by the official openai SDK
 * over real HTTP (the proxy, the server hook and the routes: tests/unit/harness/app-over-http.ts).
 * Every answer, good or bad, is checked against OpenAI's contract (the fake server's validator).
 */
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { API_NOTE } from "@/lib/openai-compat/generate-images";
import type { Image } from "@/lib/schemas/entities";
import { type FakeOpenAI, startFakeOpenAI, validateAgainstContract } from "@/tests/fakes/openai";
import { closeStore, configure } from "./faults-harness";
import { type AppOverHttp, startAppOverHttp } from "./harness/app-over-http";
import { describePostgres } from "./store-dialects";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const GORE = "a battlefield strewn with severed limbs, gore everywhere";

let app: AppOverHttp;
let fake: FakeOpenAI;

/** The environment every test starts from: offline refiner and renderer, no gate, no tokens. */
const OPEN = {
  OPENAI_API_KEY: "",
  OPENAI_BASE_URL: "",
  APP_PASSWORD: undefined,
  API_TOKENS: undefined,
  SESSION_SECRET: undefined,
  MODERATION: "on",
  LOG_LEVEL: "error",
  RATE_GENERATE_PER_MIN: undefined,
  RATE_GENERATE_BURST: "1000",
  RATE_OFFLINE_REFINE_PER_MIN: undefined,
  RATE_OFFLINE_REFINE_BURST: undefined,
  MAX_QUEUED_PER_CLIENT: "100",
};

async function env(vars: Record<string, string | undefined> = {}) {
  await configure({ ...OPEN, ...vars });
  (await import("@/lib/limits/rate-limits")).resetRateLimitsForTests();
}

const client = (apiKey = "unused") => new OpenAI({ baseURL: `${app.url}/v1`, apiKey, maxRetries: 0 });

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${app.url}/v1/images/generations`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function expectContract(schema: string, value: unknown) {
  const result = validateAgainstContract(schema, value);
  expect(result, JSON.stringify(result)).toEqual({ valid: true });
}

/** An OpenAI-shaped error with this status, param and (when given) code, valid by the contract. */
async function expectOpenAiError(res: Response, status: number, param: string | null, code?: string | null) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expectContract("ErrorResponse", body);
  expect(body.error.param).toBe(param);
  if (code !== undefined) expect(body.error.code).toBe(code);
  expect(body.error.message).not.toMatch(/at \S+\.(ts|js):\d+/);
  return body.error as { message: string; type: string; param: string | null; code: string | null };
}

const isPng = (bytes: Uint8Array) => PNG.every((b, i) => bytes[i] === b);

async function galleryImages(headers: Record<string, string> = {}): Promise<Image[]> {
  const res = await fetch(`${app.url}/api/images?limit=100`, { headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Image[] }).items;
}

async function ideaOf(ideaId: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}/api/ideas/${ideaId}`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    idea: { text: string };
    versions: Array<{ id: string; source: string; prompt: string; notes: string[] }>;
    generations: Array<{ id: string; status: string; backend: string; images: Image[] }>;
  };
}

beforeAll(async () => {
  await env();
  fake = await startFakeOpenAI({ port: 0 });
  const routes = {
    "POST /v1/images/generations": (await import("@/app/v1/images/generations/route")).POST,
    "GET /v1/models": (await import("@/app/v1/models/route")).GET,
    "GET /v1/:rest": (await import("@/app/v1/[...path]/route")).GET,
    "GET /api/images": (await import("@/app/api/images/route")).GET,
    "GET /api/images/:id/file": (await import("@/app/api/images/[id]/file/route")).GET,
    "GET /api/ideas/:id": (await import("@/app/api/ideas/[id]/route")).GET,
    "GET /api/ideas": (await import("@/app/api/ideas/route")).GET,
  } as unknown as Parameters<typeof startAppOverHttp>[0];
  app = await startAppOverHttp(routes);
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
  await closeStore();
  await configure(Object.fromEntries(Object.keys(OPEN).map((k) => [k, undefined])));
});
beforeEach(async () => {
  fake.reset();
  await env();
});

describe("the done-when line: the official SDK against Promptsmith", () => {
  it("images.generate({ model: 'promptsmith', prompt }) returns a PNG and a revised_prompt, and the image is in the gallery", async () => {
    const before = await galleryImages();
    const result = await client().images.generate({ model: "promptsmith", prompt: "a fox in the snow" });
    expectContract("ImagesResponse", result);
    expect(result.data).toHaveLength(1);
    const item = result.data?.[0];
    const bytes = Buffer.from(item?.b64_json ?? "", "base64");
    expect(isPng(bytes)).toBe(true);
    expect(result.output_format).toBe("png");
    expect(result.size).toBe("1024x1024");
    // The offline refiner wrote a fuller prompt than the idea, and the answer says which.
    expect(item?.revised_prompt).toMatch(/fox/i);
    expect(item?.revised_prompt).not.toBe("a fox in the snow");
    expect(result.created).toBeGreaterThan(Date.now() / 1000 - 120);

    const after = await galleryImages();
    const added = after.filter((i) => !before.some((b) => b.id === i.id));
    expect(added).toHaveLength(1);
    const image = added[0] as Image;
    expect(image.prompt).toBe(item?.revised_prompt);
    // The bytes answered are the gallery's file.
    const file = Buffer.from(await (await fetch(`${app.url}/api/images/${image.id}/file`)).arrayBuffer());
    expect(file.equals(bytes)).toBe(true);

    const detail = await ideaOf(image.ideaId);
    expect(detail.idea.text).toBe("a fox in the snow");
    expect(detail.versions).toHaveLength(1);
    expect(detail.versions[0]?.source).toBe("refine");
    expect(detail.versions[0]?.notes).toContain(API_NOTE);
    expect(detail.generations[0]?.images.map((i) => i.id)).toEqual([image.id]);
    // The Ideas search finds what came through the API by its note.
    const found = await (await fetch(`${app.url}/api/ideas?q=${encodeURIComponent("OpenAI-compatible")}`)).json();
    expect(found.items.map((i: { id: string }) => i.id)).toContain(image.ideaId);
  });

  it("response_format url: an absolute URL to the image route here, which serves the PNG", async () => {
    const result = await client().images.generate({
      model: "promptsmith",
      prompt: "a lighthouse at dusk",
      response_format: "url",
      n: 2,
      size: "512x512",
    });
    expectContract("ImagesResponse", result);
    expect(result.data).toHaveLength(2);
    // 512x512 is not a size the contract lets the answer name: it is left out, not misnamed.
    expect(result.size).toBeUndefined();
    for (const item of result.data ?? []) {
      expect(item.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${app.port}/api/images/[A-Za-z0-9_-]+/file$`));
      expect(item.b64_json).toBeUndefined();
      expect(item.revised_prompt).toMatch(/lighthouse/i);
      const res = await fetch(item.url ?? "");
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(isPng(new Uint8Array(await res.arrayBuffer()))).toBe(true);
    }
  });

  it("output_format webp converts the b64_json", async () => {
    const result = await client().images.generate({
      prompt: "a teapot",
      output_format: "webp",
      output_compression: 80,
    });
    expectContract("ImagesResponse", result);
    const bytes = Buffer.from(result.data?.[0]?.b64_json ?? "", "base64");
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("RIFF");
    expect(bytes.subarray(8, 12).toString("latin1")).toBe("WEBP");
    expect(result.output_format).toBe("webp");
  });

  it("a model ending in :raw skips the refiner: the prompt as written, version source verbatim", async () => {
    const prompt = "  (masterpiece:1.2), a red kite over dunes, BREAK golden hour";
    const result = await client().images.generate({ model: "promptsmith-offline:raw", prompt });
    expectContract("ImagesResponse", result);
    expect(result.data?.[0]?.revised_prompt).toBe(prompt.trim());
    const image = (await galleryImages())[0] as Image;
    const detail = await ideaOf(image.ideaId);
    expect(detail.versions[0]?.source).toBe("verbatim");
    expect(detail.versions[0]?.prompt).toBe(prompt.trim());
    expect(detail.versions[0]?.notes).toContain(API_NOTE);
  });
});

describe("GET /v1/models", () => {
  it("lists promptsmith and promptsmith-<id> for each configured backend, with :raw, in the contract's shape", async () => {
    const res = await fetch(`${app.url}/v1/models`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expectContract("ListModelsResponse", body);
    expect(body.data.map((m: { id: string }) => m.id)).toEqual([
      "promptsmith",
      "promptsmith:raw",
      "promptsmith-offline",
      "promptsmith-offline:raw",
    ]);
    const listed = [];
    for await (const m of client().models.list()) listed.push(m.id);
    expect(listed).toContain("promptsmith-offline");
  });

  it("with OpenAI configured: promptsmith is the OpenAI backend, promptsmith-openai generates there", async () => {
    await env({ OPENAI_API_KEY: "sk-test-v1", OPENAI_BASE_URL: fake.url });
    const ids = (await (await fetch(`${app.url}/v1/models`)).json()).data.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining(["promptsmith", "promptsmith-openai", "promptsmith-offline"]));

    const result = await client().images.generate({
      model: "promptsmith-openai",
      prompt: "a fox in the snow",
      quality: "hd",
    });
    expectContract("ImagesResponse", result);
    expect(isPng(Buffer.from(result.data?.[0]?.b64_json ?? "", "base64"))).toBe(true);
    // DALL·E 3's "hd" is the GPT image models' "high".
    expect(result.quality).toBe("high");
    const sent = fake.requests().filter((r) => r.path === "/v1/images/generations");
    expect(sent).toHaveLength(1);
    const body = sent[0]?.body as { prompt: string; quality?: string };
    expect(body.quality).toBe("high");
    // The chat refiner's prompt went to the images endpoint, and came back as revised_prompt.
    expect(fake.requests().some((r) => r.path === "/v1/chat/completions")).toBe(true);
    expect(body.prompt).toBe(result.data?.[0]?.revised_prompt);
    const image = (await galleryImages())[0] as Image;
    expect(image.backend).toBe("openai");
  });
});

describe("authorization", () => {
  const TOKEN = "v1-token-alpha";

  it("with no gate and no tokens the endpoint is open (covered above); with API_TOKENS it takes one of them", async () => {
    await env({ API_TOKENS: `other-token,${TOKEN}` });
    const none = await post({ prompt: "a fox" });
    const err = await expectOpenAiError(none, 401, null, "invalid_api_key");
    expect(none.headers.get("www-authenticate")).toMatch(/Bearer/);
    expect(err.type).toBe("invalid_request_error");
    await expectOpenAiError(await post({ prompt: "a fox" }, { authorization: "Bearer wrong" }), 401, null);
    const models = await fetch(`${app.url}/v1/models`);
    await expectOpenAiError(models, 401, null, "invalid_api_key");
    await expect(client("wrong").models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);

    const result = await client(TOKEN).images.generate({ model: "promptsmith", prompt: "a fox in the snow" });
    expect(isPng(Buffer.from(result.data?.[0]?.b64_json ?? "", "base64"))).toBe(true);
    // Only /v1 is closed by tokens alone: the app's own API stays open without the gate.
    expect((await fetch(`${app.url}/api/images`)).status).toBe(200);
  });

  it("behind the password gate a token passes, and the url it gets opens with the same token", async () => {
    await env({ APP_PASSWORD: "open sesame 42", API_TOKENS: TOKEN, SESSION_SECRET: "s".repeat(40) });
    await expectOpenAiError(await post({ prompt: "a fox" }), 401, null, "invalid_api_key");
    const result = await client(TOKEN).images.generate({ prompt: "a fox in the snow", response_format: "url" });
    const url = result.data?.[0]?.url ?? "";
    expect((await fetch(url)).status).toBe(401);
    const file = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(isPng(new Uint8Array(await file.arrayBuffer()))).toBe(true);
  });

  it("behind the gate without API_TOKENS, no token can pass", async () => {
    await env({ APP_PASSWORD: "open sesame 42", SESSION_SECRET: "s".repeat(40) });
    await expectOpenAiError(await post({ prompt: "a fox" }, { authorization: `Bearer ${TOKEN}` }), 401, null);
    await expectOpenAiError(await fetch(`${app.url}/v1/models`), 401, null);
  });
});

describe("bad input: OpenAI-shaped 400s naming the parameter", () => {
  const cases: Array<[string, unknown, string | null, string?]> = [
    ["an unknown model", { model: "dall-e-3", prompt: "a fox" }, "model", "model_not_found"],
    ["an unconfigured backend", { model: "promptsmith-comfyui", prompt: "a fox" }, "model", "model_not_found"],
    ["an unknown backend", { model: "promptsmith-nope:raw", prompt: "a fox" }, "model", "model_not_found"],
    ["a size the backend does not make", { prompt: "a fox", size: "999x999" }, "size"],
    ["a size that is no size", { prompt: "a fox", size: 1024 }, "size"],
    ["n of 0", { prompt: "a fox", n: 0 }, "n"],
    ["n of 11", { prompt: "a fox", n: 11 }, "n"],
    ["n above the backend's most (4 offline)", { prompt: "a fox", n: 5 }, "n"],
    ["n that is not a whole number", { prompt: "a fox", n: 1.5 }, "n"],
    ["a prompt to refine over 2,000 characters", { prompt: "a".repeat(2001) }, "prompt", "string_above_max_length"],
    [
      "a raw prompt over the backend's 4,000",
      { model: "promptsmith:raw", prompt: "a".repeat(4001) },
      "prompt",
      "string_above_max_length",
    ],
    ["an empty prompt", { prompt: "   " }, "prompt"],
    ["no prompt", { model: "promptsmith" }, "prompt", "missing_required_parameter"],
    ["an unknown field", { prompt: "a fox", seed: 42 }, "seed", "unknown_parameter"],
    ["a response_format OpenAI does not have", { prompt: "a fox", response_format: "gif" }, "response_format"],
    ["an output_format OpenAI does not have", { prompt: "a fox", output_format: "bmp" }, "output_format"],
    ["a quality OpenAI does not have", { prompt: "a fox", quality: "ultra" }, "quality"],
    ["stream", { prompt: "a fox", stream: true }, "stream", "unsupported_value"],
    ["a transparent background", { prompt: "a fox", background: "transparent" }, "background"],
    ["user that is not a string", { prompt: "a fox", user: 7 }, "user"],
    ["a body that is not an object", [1, 2], null],
  ];
  for (const [name, body, param, code] of cases) {
    it(name, async () => {
      const before = (await galleryImages()).length;
      await expectOpenAiError(await post(body), 400, param, code);
      expect((await galleryImages()).length).toBe(before);
    });
  }

  it("a body that is not JSON, and one over 1 MB (refused on its headers, in OpenAI's shape)", async () => {
    await expectOpenAiError(await post("{not json"), 400, null);
    const big = JSON.stringify({ prompt: "a".repeat(1_100_000) });
    await expectOpenAiError(await post(big), 413, null, "request_too_large");
  });

  it("the SDK surfaces them as BadRequestError with the param", async () => {
    const e = await client()
      .images.generate({ model: "promptsmith", prompt: "a fox", size: "256x256" })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect((e as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("size");
  });

  it("an unknown /v1 path is a 404 in OpenAI's shape", async () => {
    await expectOpenAiError(await fetch(`${app.url}/v1/engines`), 404, null, "not_found");
  });
});

describe("moderation and rate limits, as everywhere else", () => {
  it("a refused prompt is a 400 content_policy_violation naming the prompt; nothing generated", async () => {
    const before = (await galleryImages()).length;
    const err = await expectOpenAiError(await post({ prompt: GORE }), 400, "prompt", "content_policy_violation");
    expect(err.message).toMatch(/safety policy/);
    const raw = await post({ model: "promptsmith:raw", prompt: GORE });
    await expectOpenAiError(raw, 400, "prompt", "content_policy_violation");
    expect((await galleryImages()).length).toBe(before);
  });

  it("the generate limit answers 429 rate_limit_exceeded with Retry-After", async () => {
    await env({ RATE_GENERATE_BURST: "1", RATE_GENERATE_PER_MIN: "1" });
    expect((await post({ prompt: "a fox in the snow" })).status).toBe(200);
    const limited = await post({ prompt: "a fox in the snow" });
    const err = await expectOpenAiError(limited, 429, null, "rate_limit_exceeded");
    expect(err.type).toBe("requests");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // The SDK sees a RateLimitError (it would retry after Retry-After; not here: maxRetries 0).
    await expect(client().images.generate({ prompt: "a fox" })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });

  it("the refine limit counts refinements, not :raw generations", async () => {
    await env({ RATE_OFFLINE_REFINE_BURST: "1", RATE_OFFLINE_REFINE_PER_MIN: "1" });
    expect((await post({ prompt: "a fox in the snow" })).status).toBe(200);
    await expectOpenAiError(await post({ prompt: "a fox in the snow" }), 429, null, "rate_limit_exceeded");
    expect((await post({ model: "promptsmith:raw", prompt: "a fox in the snow" })).status).toBe(200);
  });
});

describe("waiting for the job", () => {
  it("a client that hangs up cancels the generation", async () => {
    await env({ OPENAI_API_KEY: "sk-test-v1", OPENAI_BASE_URL: fake.url, GENERATE_RETRIES: "0" });
    fake.setMode({ mode: "hang", endpoint: "images" });
    const stop = new AbortController();
    const asked = client()
      .images.generate({ model: "promptsmith-openai:raw", prompt: "a slow fox" }, { signal: stop.signal })
      .catch((e: unknown) => e);
    // Wait until the backend has the request, then hang up.
    for (let i = 0; i < 200 && !fake.requests().some((r) => r.path === "/v1/images/generations"); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    stop.abort();
    expect(await asked).toBeInstanceOf(OpenAI.APIUserAbortError);
    const { getStore } = await import("@/lib/store");
    let status = "";
    for (let i = 0; i < 200; i++) {
      const [g] = (await getStore().listGenerationsByStatus(["queued", "running", "canceled"])).filter(
        (x) => x.backend === "openai",
      );
      status = g?.status ?? "";
      if (status === "canceled") break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(status).toBe("canceled");
  });

  it("a backend failure answers in OpenAI's shape (502 server_error), scrubbed of secrets", async () => {
    await env({ OPENAI_API_KEY: "sk-test-v1", OPENAI_BASE_URL: fake.url, GENERATE_RETRIES: "0" });
    fake.setMode({ mode: "error500", endpoint: "images" });
    const res = await post({ model: "promptsmith-openai:raw", prompt: "a fox" });
    const err = await expectOpenAiError(res, 502, null, "backend_error");
    expect(err.type).toBe("server_error");
    expect(JSON.stringify(err)).not.toContain("sk-test-v1");
  });
});

/** Jobs, store and config follow the environment afresh (the shared queue needs a new Jobs). */
async function restart(vars: Record<string, string | undefined>) {
  await (await import("@/lib/jobs")).resetJobsForTests();
  await closeStore();
  await env(vars);
  // What instrumentation.ts does at start: recovery, then the queue takes work.
  await (await import("@/lib/jobs/recover")).recoverAtStart();
}

describePostgres("on Postgres: the shared job queue, its events and its cancel", (dialect) => {
  afterAll(() => restart({ DATABASE_URL: undefined }));

  it("the SDK gets a PNG and a revised_prompt, the image is in the gallery; a hang-up cancels", async () => {
    await restart({ ...dialect.env(), OPENAI_API_KEY: "sk-test-v1", OPENAI_BASE_URL: fake.url, GENERATE_RETRIES: "0" });
    const result = await client().images.generate({ model: "promptsmith-offline", prompt: "a fox in the snow" });
    expectContract("ImagesResponse", result);
    const bytes = Buffer.from(result.data?.[0]?.b64_json ?? "", "base64");
    expect(isPng(bytes)).toBe(true);
    const image = (await galleryImages())[0] as Image;
    expect(image.prompt).toBe(result.data?.[0]?.revised_prompt);

    fake.setMode({ mode: "hang", endpoint: "images" });
    const stop = new AbortController();
    const asked = client()
      .images.generate({ model: "promptsmith-openai:raw", prompt: "a slow fox" }, { signal: stop.signal })
      .catch((e: unknown) => e);
    for (let i = 0; i < 200 && !fake.requests().some((r) => r.path === "/v1/images/generations"); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    stop.abort();
    expect(await asked).toBeInstanceOf(OpenAI.APIUserAbortError);
    const { getStore } = await import("@/lib/store");
    let status = "";
    for (let i = 0; i < 200 && status !== "canceled"; i++) {
      const [g] = (await getStore().listGenerationsByStatus(["queued", "running", "canceled"])).filter(
        (x) => x.backend === "openai",
      );
      status = g?.status ?? "";
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(status).toBe("canceled");
  });
});
