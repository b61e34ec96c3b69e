import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { resetOpenAIClientForTests } from "@/lib/openai-client";
import { forgetOutputModesForTests, openaiRefiner } from "@/lib/refine/openai-refiner";
import type { RefineInput } from "@/lib/refine/types";
import {
  type FakeOpenAI,
  FAKE_REFUSAL,
  type RecordedRequest,
  startFakeOpenAI,
  validateAgainstContract,
} from "@/tests/fakes/openai";

const KEY = "sk-fake-unit-key";
let fake: FakeOpenAI;

function configure(extra: Record<string, string> = {}) {
  process.env.OPENAI_API_KEY = KEY;
  process.env.OPENAI_BASE_URL = fake.url;
  process.env.REFINE_MODEL = "gpt-5.4-mini";
  delete process.env.REFINE_TIMEOUT_MS;
  Object.assign(process.env, extra);
  resetConfigForTests();
  resetOpenAIClientForTests();
  forgetOutputModesForTests();
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  configure();
});

const IDEA: RefineInput = { idea: "a red fox in the snow", dialect: "prose" };

async function refine(input: RefineInput = IDEA, signal = new AbortController().signal) {
  const deltas: string[] = [];
  const result = await openaiRefiner.refine(input, { signal, onDelta: (t) => deltas.push(t) });
  return { result, deltas };
}

async function refineError(input: RefineInput = IDEA, signal?: AbortSignal): Promise<AppError> {
  const deltas: string[] = [];
  const error = await openaiRefiner
    .refine(input, { signal: signal ?? new AbortController().signal, onDelta: (t) => deltas.push(t) })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

type ChatBody = {
  model: string;
  stream: boolean;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string; json_schema?: { name: string; strict: boolean; schema: { required: string[] } } };
  temperature?: number;
};
const chatRequests = () => fake.requests().filter((r) => r.endpoint === "chat");
const bodyOf = (r: RecordedRequest | undefined) => r?.body as ChatBody;
const systemOf = (r: RecordedRequest | undefined) => bodyOf(r).messages.find((m) => m.role === "system")!.content;
const userOf = (r: RecordedRequest | undefined) => bodyOf(r).messages.find((m) => m.role === "user")!.content;

describe("openaiRefiner", () => {
  it("streams deltas that grow monotonically and end equal to the final prompt", async () => {
    const { result, deltas } = await refine();
    expect(deltas.length).toBeGreaterThan(10);
    for (let i = 1; i < deltas.length; i++) {
      expect(deltas[i]!.startsWith(deltas[i - 1]!)).toBe(true);
      expect(deltas[i]!.length).toBeGreaterThan(deltas[i - 1]!.length);
    }
    expect(deltas.at(-1)).toBe(result.prompt);
    expect(result.prompt).toContain("red fox in the snow");
    expect(result.title).toBe("A Red Fox In The Snow");
    expect(result.notes.length).toBeGreaterThan(0);
    expect(result.negativePrompt).toBeUndefined();
    // The model the server reports, not the alias we asked for.
    expect(result.model).toBe("gpt-5.4-mini-2026-03-17");
  });

  it("sends one contract-valid, streamed request with a strict json_schema and no temperature", async () => {
    await refine();
    const [req] = chatRequests();
    expect(chatRequests()).toHaveLength(1);
    expect(req!.contractErrors).toBeNull();
    expect(validateAgainstContract("CreateChatCompletionRequest", req!.body)).toEqual({ valid: true });
    expect(req!.bearer).toBe(true);
    const body = bodyOf(req);
    expect(body.model).toBe("gpt-5.4-mini");
    expect(body.stream).toBe(true);
    expect(body.temperature).toBeUndefined();
    expect(body.response_format?.type).toBe("json_schema");
    expect(body.response_format?.json_schema?.strict).toBe(true);
    expect(body.response_format?.json_schema?.schema.required).toEqual([
      "prompt",
      "negativePrompt",
      "title",
      "notes",
      "parts",
      "checks",
    ]);
    expect(systemOf(req)).toContain("Dialect: prose");
    expect(systemOf(req)).toMatch(/minors/);
    expect(userOf(req)).toBe("<idea>\na red fox in the snow\n</idea>");
  });

  it("writes tags with a negative prompt, and tells the model the style and the budget", async () => {
    const { result } = await refine({ ...IDEA, dialect: "tags", style: "watercolor", budget: { maxTokens: 75 } });
    expect(result.prompt).toMatch(/^\(a red fox in the snow:1\.2\)/);
    expect(result.negativePrompt).toContain("lowres");
    const system = systemOf(chatRequests()[0]);
    expect(system).toContain("Dialect: tags");
    expect(system).toMatch(/style preset.*watercolor/i);
    expect(system).toContain("75 tokens");
  });

  it("sends the idea, the current prompt and the instruction on a follow-up", async () => {
    const { result, deltas } = await refine({
      idea: "a red fox in the snow",
      dialect: "tags",
      parent: { prompt: "(red fox:1.2), snow", negativePrompt: "blurry", style: null, dialect: "tags", parts: null },
      instruction: "make it night",
    });
    const user = userOf(chatRequests()[0]);
    expect(user).toContain("<idea>\na red fox in the snow\n</idea>");
    expect(user).toContain("<current_prompt>\n(red fox:1.2), snow\n</current_prompt>");
    expect(user).toContain("<current_negative_prompt>\nblurry\n</current_negative_prompt>");
    expect(user).toContain("<instruction>\nmake it night\n</instruction>");
    expect(systemOf(chatRequests()[0])).toMatch(/change only what the instruction asks/i);
    expect(result.prompt).toBe("(red fox:1.2), snow, (make it night:1.1)");
    expect(result.negativePrompt).toBe("blurry");
    expect(result.notes).toEqual(["Applied the instruction: make it night."]);
    expect(deltas.at(-1)).toBe(result.prompt);
  });

  it("cuts a prompt that overruns the character budget at a clause boundary and says so", async () => {
    const { result, deltas } = await refine({ ...IDEA, budget: { maxChars: 120 } });
    expect(result.prompt.length).toBeLessThanOrEqual(120);
    expect(result.prompt.length).toBeGreaterThan(60);
    expect(result.notes).toContain("Shortened to fit the backend's limit of 120 characters.");
    expect(deltas.at(-1)).toBe(result.prompt);
  });

  it("falls back to json_object when the server rejects json_schema, and notes it", async () => {
    fake.setMode({ mode: "noJsonSchema", endpoint: "chat" });
    const { result, deltas } = await refine();
    expect(chatRequests().map((r) => bodyOf(r).response_format?.type)).toEqual(["json_schema", "json_object"]);
    expect(chatRequests()[1]!.contractErrors).toBeNull();
    expect(systemOf(chatRequests()[1])).toContain(
      '{"prompt": string, "negativePrompt": string, "title": string, "notes": string[], "parts": {"subject": string,',
    );
    expect(result.notes).toContain("Structured output: json_object (the server does not support json_schema).");
    expect(result.prompt).toContain("red fox in the snow");
    expect(deltas.at(-1)).toBe(result.prompt);

    // Remembered: the next refinement does not knock on the same closed door.
    await refine();
    expect(chatRequests().map((r) => bodyOf(r).response_format?.type)).toEqual([
      "json_schema",
      "json_object",
      "json_object",
    ]);
  });

  it("falls back to plain text when the server takes no response_format at all", async () => {
    fake.setMode({ mode: "noResponseFormat", endpoint: "chat" });
    const { result, deltas } = await refine();
    expect(chatRequests().map((r) => bodyOf(r).response_format?.type)).toEqual([
      "json_schema",
      "json_object",
      undefined,
    ]);
    expect(result.prompt).toContain("red fox in the snow");
    expect(result.prompt.startsWith("{")).toBe(false);
    expect(result.title).toBe("A red fox in the snow");
    expect(result.notes).toEqual([
      "Structured output: plain text (the server supports neither json_schema nor json_object).",
    ]);
    expect(deltas.at(-1)).toBe(result.prompt);
  });

  it("turns a refusal into AppError refused, without streaming it as a prompt", async () => {
    fake.setMode({ mode: "refusal", endpoint: "chat" });
    const deltas: string[] = [];
    const error = await openaiRefiner
      .refine(IDEA, { signal: new AbortController().signal, onDelta: (t) => deltas.push(t) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("refused");
    expect((error as AppError).message).toContain(FAKE_REFUSAL);
    expect(deltas).toEqual([]);
  });

  it("turns finish_reason content_filter into refused", async () => {
    fake.setMode({ mode: "contentFilter", endpoint: "chat" });
    expect((await refineError()).code).toBe("refused");
  });

  it("turns a malformed stream chunk into backend_error", async () => {
    fake.setMode({ mode: "malformedChunk", endpoint: "chat" });
    expect((await refineError()).code).toBe("backend_error");
  });

  it("turns finish_reason length with unfinished JSON into backend_error", async () => {
    fake.setMode({ mode: "length", endpoint: "chat" });
    const error = await refineError();
    expect(error.code).toBe("backend_error");
    expect(error.message).toMatch(/ran out of room/);
  });

  it("maps 429 to rate_limited with retryAfter from the header", async () => {
    fake.setMode({ mode: "rate429", endpoint: "chat" });
    const error = await refineError();
    expect(error.code).toBe("rate_limited");
    expect(error.retryAfter).toBe(1);
    expect(chatRequests()).toHaveLength(1); // no retries of our own
  });

  it("maps 500 to backend_error, with a message that leaks neither key nor URL", async () => {
    fake.setMode({ mode: "error500", endpoint: "chat" });
    const error = await refineError();
    expect(error.code).toBe("backend_error");
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain("127.0.0.1");
  });

  it("maps a Stop before the answer starts to canceled", async () => {
    fake.setMode({ mode: "hang", endpoint: "chat" });
    const error = await refineError(IDEA, AbortSignal.timeout(150));
    expect(error.code).toBe("canceled");
  });

  it("maps a Stop in the middle of the stream to canceled, not to a half prompt", async () => {
    const controller = new AbortController();
    const deltas: string[] = [];
    const error = await openaiRefiner
      .refine(IDEA, {
        signal: controller.signal,
        onDelta: (t) => {
          deltas.push(t);
          if (deltas.length === 3) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("canceled");
    expect(deltas.length).toBeGreaterThanOrEqual(3);
  });

  it("gives up with timeout when the server stalls past REFINE_TIMEOUT_MS", async () => {
    configure({ REFINE_TIMEOUT_MS: "250" });
    fake.setMode({ mode: "hang", endpoint: "chat" });
    const error = await refineError();
    expect(error.code).toBe("timeout");
  });
});
