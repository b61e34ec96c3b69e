import { createParser } from "eventsource-parser";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeOpenAI, FAKE_REFUSAL, startFakeOpenAI, validateAgainstContract } from "@/tests/fakes/openai";
import { FAKE_IGNORE_LOCKS, PART_KEYS } from "@/tests/fakes/openai/prompt-writer";

let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const MODEL = "gpt-5.4-mini";
const chatBody = (extra: Record<string, unknown> = {}) => ({
  model: MODEL,
  messages: [
    { role: "system", content: "You write image prompts." },
    { role: "user", content: "a red fox in the snow" },
  ],
  ...extra,
});

function post(path: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) {
  return fetch(`${fake.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-test-secret", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal,
  });
}

/** Every `data:` payload of an SSE response, in order, with arrival times. */
async function readSse(res: Response): Promise<Array<{ data: string; at: number }>> {
  const events: Array<{ data: string; at: number }> = [];
  const parser = createParser({ onEvent: (e) => events.push({ data: e.data, at: performance.now() }) });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(value);
  }
  return events;
}

type Chunk = {
  model: string;
  choices: Array<{ delta: { content?: string | null; refusal?: string | null }; finish_reason: string | null }>;
};

async function streamChat(extra: Record<string, unknown> = {}) {
  const res = await post("/chat/completions", chatBody({ stream: true, ...extra }));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const events = await readSse(res);
  return { res, events };
}

function parseChunks(events: Array<{ data: string }>): Chunk[] {
  expect(events.at(-1)?.data).toBe("[DONE]");
  return events.slice(0, -1).map((e) => {
    const chunk: unknown = JSON.parse(e.data);
    expect(validateAgainstContract("CreateChatCompletionStreamResponse", chunk)).toEqual({ valid: true });
    return chunk as Chunk;
  });
}

const joined = (chunks: Chunk[], field: "content" | "refusal") =>
  chunks.map((c) => c.choices[0]?.delta[field] ?? "").join("");
const finishOf = (chunks: Chunk[]) => chunks.map((c) => c.choices[0]?.finish_reason).find(Boolean);

describe("validateAgainstContract", () => {
  it("accepts what the contract allows, including OpenAPI 3.0 nullable fields, and rejects the rest", () => {
    // `quality` is { type, enum, nullable }: null must pass although it is not in the enum.
    expect(validateAgainstContract("CreateImageRequest", { prompt: "x", quality: null, n: null })).toEqual({
      valid: true,
    });
    expect(validateAgainstContract("CreateImageRequest", { prompt: "x", quality: "ultra" }).valid).toBe(false);
    expect(validateAgainstContract("CreateImageRequest", { quality: "high" }).valid).toBe(false);
    // `usage` is a $ref with nullable beside it.
    const chunk = { id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [], usage: null };
    expect(validateAgainstContract("CreateChatCompletionStreamResponse", chunk)).toEqual({ valid: true });
    expect(
      validateAgainstContract("CreateChatCompletionStreamResponse", { ...chunk, object: "chat.completion" }).valid,
    ).toBe(false);
    expect(() => validateAgainstContract("NoSuchSchema", {})).toThrow(/no schema named/);
  });
});

describe("request validation", () => {
  it("answers a non-conforming body with 400 in the official error shape, naming the problems", async () => {
    const res = await post("/chat/completions", {
      model: MODEL,
      messages: [{ role: "wizard", content: "hi" }],
      temperature: 7,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; type: string; param: unknown; code: unknown } };
    expect(validateAgainstContract("ErrorResponse", body)).toEqual({ valid: true });
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.param).toBeNull();
    expect(body.error.code).toBeNull();
    expect(body.error.message).toContain("/temperature");
    expect(body.error.message).toContain("/messages/0");
    expect(fake.requests()[0]?.contractErrors).toContain("/temperature");
  });

  it("rejects bodies for every endpoint, and bodies that are not JSON", async () => {
    expect((await post("/images/generations", { model: "gpt-image-1.5" })).status).toBe(400);
    expect((await post("/moderations", { input: 42 })).status).toBe(400);
    const notJson = await post("/chat/completions", "{not json");
    expect(notJson.status).toBe(400);
    expect(validateAgainstContract("ErrorResponse", await notJson.json())).toEqual({ valid: true });
  });

  it("answers unknown paths with 404 in the official shape", async () => {
    const res = await post("/embeddings", { input: "x" });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      "Invalid URL (POST /v1/embeddings)",
    );
  });
});

describe("chat completions", () => {
  it("answers non-streamed requests with a contract-valid completion", async () => {
    const res = await post("/chat/completions", chatBody());
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      model: string;
      choices: Array<{ message: { content: string; refusal: null } }>;
    };
    expect(validateAgainstContract("CreateChatCompletionResponse", body)).toEqual({ valid: true });
    expect(body.choices[0]?.message.content).toContain("red fox in the snow");
    expect(body.choices[0]?.message.refusal).toBeNull();
    // Like OpenAI, it reports a dated snapshot of the alias it was asked for.
    expect(body.model).toMatch(/^gpt-5\.4-mini-\d{4}-\d{2}-\d{2}$/);
  });

  it("streams plain text in many small, contract-valid chunks with a gap between them", async () => {
    const { events } = await streamChat();
    const chunks = parseChunks(events);
    expect(chunks.length).toBeGreaterThan(20);
    for (const c of chunks) expect((c.choices[0]?.delta.content ?? "").length).toBeLessThanOrEqual(6);
    const text = joined(chunks, "content");
    expect(text).toContain("red fox in the snow");
    expect(() => JSON.parse(text)).toThrow();
    expect(finishOf(chunks)).toBe("stop");
    expect(events.at(-1)!.at - events[0]!.at).toBeGreaterThan(20);
  });

  it("answers json_schema and json_object requests with the refined-prompt JSON object, prompt first", async () => {
    const schema = {
      type: "json_schema",
      json_schema: {
        name: "refined_prompt",
        strict: true,
        schema: { type: "object", properties: { prompt: { type: "string" } } },
      },
    };
    for (const response_format of [schema, { type: "json_object" }]) {
      const chunks = parseChunks((await streamChat({ response_format })).events);
      const text = joined(chunks, "content");
      expect(text.startsWith('{"prompt":')).toBe(true);
      const obj = JSON.parse(text) as { prompt: string; negativePrompt: string; title: string; notes: string[] };
      expect(obj.prompt).toContain("red fox in the snow");
      expect(obj.prompt.length).toBeGreaterThan(150);
      expect(obj.title).toBe("A Red Fox In The Snow");
      expect(obj.notes.length).toBeGreaterThan(0);
      expect(obj.negativePrompt).toBe("");
    }
  });

  it("writes tags with a negative prompt when the system prompt asks for the tags dialect", async () => {
    const body = chatBody({ response_format: { type: "json_object" } });
    body.messages[0] = { role: "system", content: "Dialect: tags" };
    const res = await post("/chat/completions", body);
    const content = ((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message
      .content;
    const obj = JSON.parse(content) as { prompt: string; negativePrompt: string };
    expect(obj.prompt).toMatch(/^\(a red fox in the snow:1\.2\), /);
    expect(obj.negativePrompt).toContain("lowres");
  });

  it("revises the current prompt on a follow-up and notes the instruction", async () => {
    const user =
      "<idea>a fox</idea>\n<current_prompt>A fox at dawn.</current_prompt>\n<instruction>make it night</instruction>";
    const res = await post("/chat/completions", {
      model: MODEL,
      messages: [{ role: "user", content: user }],
      response_format: { type: "json_object" },
    });
    const content = ((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message
      .content;
    const obj = JSON.parse(content) as { prompt: string; notes: string[] };
    expect(obj.prompt).toBe("A fox at dawn. Adjusted so that: make it night.");
    expect(obj.notes).toEqual(["Applied the instruction: make it night."]);
  });

  it("returns the anatomy as parts, each one word for word in the prompt it wrote", async () => {
    for (const system of ["You write image prompts.", "Dialect: tags"]) {
      const body = chatBody({ response_format: { type: "json_object" } });
      body.messages[0] = { role: "system", content: system };
      const res = await post("/chat/completions", body);
      const obj = JSON.parse(
        ((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content,
      ) as { prompt: string; negativePrompt: string; parts: Record<string, string> };
      expect(Object.keys(obj.parts)).toEqual([...PART_KEYS]);
      for (const [name, text] of Object.entries(obj.parts)) {
        if (!text) continue;
        expect(name === "negative" ? obj.negativePrompt : obj.prompt, `${system} ${name}`).toContain(text);
      }
      expect(obj.parts.medium).not.toBe("");
    }
  });

  it("keeps the current parts on a follow-up, and rewords locked ones when told to misbehave", async () => {
    const user = (instruction: string) =>
      "<idea>a fox</idea>\n<current_prompt>A fox at dawn. Lit by pale light.</current_prompt>\n" +
      "<current_parts>\nsubject: A fox\nlighting: pale light\n</current_parts>\n" +
      `<locked_parts>\nlighting: pale light\n</locked_parts>\n<instruction>${instruction}</instruction>`;
    const ask = async (instruction: string) => {
      const res = await post("/chat/completions", {
        model: MODEL,
        messages: [{ role: "user", content: user(instruction) }],
        response_format: { type: "json_object" },
      });
      return JSON.parse(
        ((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content,
      ) as { prompt: string; parts: Record<string, string> };
    };
    const kept = await ask("make it night");
    expect(kept.parts.subject).toBe("A fox");
    expect(kept.parts.lighting).toBe("pale light");
    const broken = await ask(`make it night ${FAKE_IGNORE_LOCKS}`);
    expect(broken.prompt).not.toContain("pale light");
    expect(broken.parts.lighting).toBe("reworked light");
    expect(broken.prompt).toContain("reworked light");
  });

  it("sends a usage chunk when stream_options.include_usage is set", async () => {
    const chunks = parseChunks((await streamChat({ stream_options: { include_usage: true } })).events) as Array<
      Chunk & { usage: unknown }
    >;
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: expect.any(Number), total_tokens: expect.any(Number) });
  });

  it("waits delayMs before the first chunk", async () => {
    fake.setMode({ mode: "ok", endpoint: "chat", delayMs: 200 });
    const t0 = performance.now();
    const { events } = await streamChat();
    expect(events[0]!.at - t0).toBeGreaterThanOrEqual(180);
  });
});

describe("images", () => {
  it("returns n real PNGs of the requested size as b64_json, in a contract-valid answer", async () => {
    const res = await post("/images/generations", {
      model: "gpt-image-1.5",
      prompt: "a fox",
      n: 2,
      size: "1536x1024",
      quality: "low",
      output_format: "png",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      data: Array<{ b64_json: string }>;
      size: string;
      quality: string;
      usage: unknown;
    };
    expect(validateAgainstContract("ImagesResponse", body)).toEqual({ valid: true });
    expect(body.data).toHaveLength(2);
    expect(body.size).toBe("1536x1024");
    expect(body.quality).toBe("low");
    expect(body.usage).toBeDefined();
    const metas = await Promise.all(body.data.map((d) => sharp(Buffer.from(d.b64_json, "base64")).metadata()));
    for (const m of metas)
      expect({ format: m.format, width: m.width, height: m.height }).toEqual({
        format: "png",
        width: 1536,
        height: 1024,
      });
    // Different images for different indexes; the same prompt gives the same first image.
    expect(body.data[0]!.b64_json).not.toBe(body.data[1]!.b64_json);
  });

  it("applies OpenAI's size rules per model", async () => {
    const res = await post("/images/generations", { model: "gpt-image-1.5", prompt: "a fox", size: "512x512" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { param: string; message: string } };
    expect(body.error.param).toBe("size");
    expect(body.error.message).toContain("Supported values are");
  });

  it("blocks prompts with a marker word as moderation_blocked", async () => {
    const res = await post("/images/generations", { model: "gpt-image-1.5", prompt: "FLAG_ME a fox" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; type: string } };
    expect(validateAgainstContract("ErrorResponse", body)).toEqual({ valid: true });
    expect(body.error.code).toBe("moderation_blocked");
  });
});

describe("moderations and models", () => {
  it("flags marker words and passes clean text, with every category", async () => {
    const res = await post("/moderations", {
      model: "omni-moderation-latest",
      input: ["a calm lake", "FLAG_ME now", "FLAG_MINORS"],
    });
    const body = (await res.json()) as { results: Array<{ flagged: boolean; categories: Record<string, boolean> }> };
    expect(validateAgainstContract("CreateModerationResponse", body)).toEqual({ valid: true });
    expect(body.results.map((r) => r.flagged)).toEqual([false, true, true]);
    expect(body.results[1]!.categories.violence).toBe(true);
    expect(body.results[2]!.categories["sexual/minors"]).toBe(true);
    expect(Object.keys(body.results[0]!.categories)).toHaveLength(13);
  });

  it("lists models", async () => {
    const res = await fetch(`${fake.url}/models`);
    const body = (await res.json()) as { data: Array<{ id: string }> };
    expect(validateAgainstContract("ListModelsResponse", body)).toEqual({ valid: true });
    expect(body.data.map((m) => m.id)).toContain("gpt-image-1.5");
  });
});

describe("failure modes", () => {
  it("error500 answers 500 in the official shape", async () => {
    fake.setMode({ mode: "error500" });
    const res = await post("/chat/completions", chatBody());
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { type: string } };
    expect(validateAgainstContract("ErrorResponse", body)).toEqual({ valid: true });
    expect(body.error.type).toBe("server_error");
  });

  it("rate429 answers 429 with Retry-After: 1", async () => {
    fake.setMode({ mode: "rate429", endpoint: "images" });
    const res = await post("/images/generations", { model: "gpt-image-1.5", prompt: "x" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    const body = (await res.json()) as { error: { code: string } };
    expect(validateAgainstContract("ErrorResponse", body)).toEqual({ valid: true });
    expect(body.error.code).toBe("rate_limit_exceeded");
    // Scoped to images: chat still works.
    expect((await post("/chat/completions", chatBody())).status).toBe(200);
  });

  it("hang never answers until the client aborts", async () => {
    fake.setMode({ mode: "hang", endpoint: "chat" });
    const t0 = performance.now();
    await expect(post("/chat/completions", chatBody(), {}, AbortSignal.timeout(300))).rejects.toThrow();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(280);
    expect(fake.requests()).toHaveLength(1);
  });

  it("refusal streams refusal deltas and no content", async () => {
    fake.setMode({ mode: "refusal", endpoint: "chat" });
    const chunks = parseChunks((await streamChat()).events);
    expect(joined(chunks, "refusal")).toBe(FAKE_REFUSAL);
    expect(joined(chunks, "content")).toBe("");
  });

  it("refusal sets message.refusal when not streamed, and blocks images", async () => {
    fake.setMode({ mode: "refusal" });
    const chat = (await (await post("/chat/completions", chatBody())).json()) as {
      choices: Array<{ message: { content: null; refusal: string } }>;
    };
    expect(validateAgainstContract("CreateChatCompletionResponse", chat)).toEqual({ valid: true });
    expect(chat.choices[0]!.message).toMatchObject({ content: null, refusal: FAKE_REFUSAL });
    const img = await post("/images/generations", { model: "gpt-image-1.5", prompt: "a fox" });
    expect(img.status).toBe(400);
    expect(((await img.json()) as { error: { code: string } }).error.code).toBe("moderation_blocked");
  });

  it("malformedChunk sends a stream chunk that is not JSON", async () => {
    fake.setMode({ mode: "malformedChunk", endpoint: "chat" });
    const { events } = await streamChat();
    const bad = events.filter((e) => {
      try {
        JSON.parse(e.data);
        return false;
      } catch {
        return e.data !== "[DONE]";
      }
    });
    expect(bad).toHaveLength(1);
    expect(events.some((e) => e.data === "[DONE]")).toBe(false);
  });

  it("contentFilter and length stop the answer early with their finish_reason", async () => {
    const full = joined(parseChunks((await streamChat()).events), "content");
    for (const [mode, reason] of [
      ["contentFilter", "content_filter"],
      ["length", "length"],
    ] as const) {
      fake.setMode({ mode, endpoint: "chat", times: 1 });
      const chunks = parseChunks((await streamChat()).events);
      expect(finishOf(chunks)).toBe(reason);
      const text = joined(chunks, "content");
      expect(full.startsWith(text) && text.length < full.length).toBe(true);
    }
  });

  it("noJsonSchema rejects json_schema with 400 and accepts json_object", async () => {
    fake.setMode({ mode: "noJsonSchema", endpoint: "chat" });
    const rf = { type: "json_schema", json_schema: { name: "x", schema: { type: "object" } } };
    const res = await post("/chat/completions", chatBody({ response_format: rf }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { param: string; message: string } };
    expect(validateAgainstContract("ErrorResponse", body)).toEqual({ valid: true });
    expect(body.error.param).toBe("response_format");
    expect((await post("/chat/completions", chatBody({ response_format: { type: "json_object" } }))).status).toBe(200);
  });

  it("times limits a mode to the next N requests it acts on", async () => {
    fake.setMode({ mode: "error500", endpoint: "chat", times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post("/chat/completions", chatBody())).status);
    expect(statuses).toEqual([500, 500, 200]);
  });

  it("is controlled over HTTP too: mode, requests and reset", async () => {
    const origin = fake.url.replace(/\/v1$/, "");
    const set = await fetch(`${origin}/__fake/mode`, {
      method: "POST",
      body: JSON.stringify({ mode: "rate429", endpoint: "chat", times: 1 }),
    });
    expect(set.status).toBe(200);
    expect((await post("/chat/completions", chatBody())).status).toBe(429);
    expect((await post("/chat/completions", chatBody())).status).toBe(200);
    const listed = (await (await fetch(`${origin}/__fake/requests`)).json()) as unknown[];
    expect(listed).toHaveLength(2);
    const bad = await fetch(`${origin}/__fake/mode`, { method: "POST", body: JSON.stringify({ mode: "explode" }) });
    expect(bad.status).toBe(400);
    await fetch(`${origin}/__fake/mode`, { method: "POST", body: JSON.stringify({ mode: "error500" }) });
    expect((await fetch(`${origin}/__fake/reset`, { method: "POST" })).status).toBe(200);
    expect(fake.requests()).toHaveLength(0);
    expect((await post("/chat/completions", chatBody())).status).toBe(200);
  });
});

describe("request recording", () => {
  it("records method, path, parsed body and headers, with the bearer's value redacted", async () => {
    await post("/chat/completions", chatBody());
    await post("/moderations", { input: "hello" }, { authorization: "" });
    const [chat, moderation] = fake.requests();
    expect(chat).toMatchObject({
      method: "POST",
      path: "/v1/chat/completions",
      endpoint: "chat",
      bearer: true,
      contractErrors: null,
    });
    expect(chat!.body).toEqual(chatBody());
    expect(chat!.headers["content-type"]).toBe("application/json");
    expect(JSON.stringify(chat)).not.toContain("sk-test-secret");
    expect(moderation).toMatchObject({ endpoint: "moderations", bearer: false, body: { input: "hello" } });
  });
});

describe("the judge (issue 11)", () => {
  let png = "";
  beforeAll(async () => {
    const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    png = `data:image/png;base64,${bytes.toString("base64")}`;
  });

  const ITEMS = [
    { id: "a", kind: "count", text: "two foxes" },
    { id: "b", kind: "attribute", text: "the foxes are red" },
    { id: "c", kind: "setting", text: "a full moon" },
  ];
  const judgeBody = (url = png, items = ITEMS, prompt = "two red foxes in the snow") => ({
    model: MODEL,
    messages: [
      { role: "system", content: "You check images." },
      {
        role: "user",
        content: [
          {
            type: "text",
            text: `<prompt>${prompt}</prompt>\n<checklist>\n${items.map((i) => JSON.stringify(i)).join("\n")}\n</checklist>`,
          },
          { type: "image_url", image_url: { url } },
        ],
      },
    ],
    response_format: {
      type: "json_schema",
      json_schema: {
        name: "image_check",
        strict: true,
        schema: {
          type: "object",
          properties: { items: { type: "array" } },
          required: ["items"],
          additionalProperties: false,
        },
      },
    },
  });

  async function verdicts(): Promise<string[]> {
    const res = await post("/chat/completions", judgeBody());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(validateAgainstContract("CreateChatCompletionResponse", body)).toEqual({ valid: true });
    const answer = JSON.parse(body.choices[0].message.content) as {
      items: Array<{ checkId: string; verdict: string }>;
    };
    expect(answer.items.map((i) => i.checkId)).toEqual(["a", "b", "c"]);
    return answer.items.map((i) => i.verdict);
  }

  it("validates image parts against the contract and reads the image itself", async () => {
    expect(validateAgainstContract("CreateChatCompletionRequest", judgeBody())).toEqual({ valid: true });
    const noUrl = await post("/chat/completions", {
      ...judgeBody(),
      messages: [{ role: "user", content: [{ type: "image_url", image_url: { detail: "high" } }] }],
    });
    expect(noUrl.status).toBe(400);
    expect((await noUrl.json()).error.message).toMatch(/does not match CreateChatCompletionRequest/);
    const notImage = await post(
      "/chat/completions",
      judgeBody(`data:image/png;base64,${Buffer.from("hello there, not a png").toString("base64")}`),
    );
    expect(notImage.status).toBe(400);
    expect((await notImage.json()).error.message).toMatch(/Invalid image/);
  });

  it("ok: an item passes when its words are in the prompt", async () => {
    expect(await verdicts()).toEqual(["pass", "pass", "fail"]);
  });

  it("judgeAllPass, judgeFixable (then better), judgeNeverBetter", async () => {
    fake.setMode({ endpoint: "chat", mode: "judgeAllPass" });
    expect(await verdicts()).toEqual(["pass", "pass", "pass"]);
    fake.reset();
    fake.setMode({ endpoint: "chat", mode: "judgeFixable" });
    expect(await verdicts()).toEqual(["pass", "fail", "pass"]);
    expect(await verdicts()).toEqual(["pass", "pass", "pass"]);
    fake.reset();
    fake.setMode({ endpoint: "chat", mode: "judgeNeverBetter" });
    expect(await verdicts()).toEqual(["pass", "fail", "pass"]);
    expect(await verdicts()).toEqual(["pass", "fail", "pass"]);
  });

  it("judgeMalformed and judgeGarbage, and the judge modes leave a refiner's request alone", async () => {
    fake.setMode({ endpoint: "chat", mode: "judgeMalformed" });
    const refine = await post("/chat/completions", chatBody());
    expect((await refine.json()).choices[0].message.content).toMatch(/fox/i);
    const malformed = await (await post("/chat/completions", judgeBody())).json();
    const items = JSON.parse(malformed.choices[0].message.content).items as Array<{ checkId: string; verdict: string }>;
    expect(items.map((i) => i.checkId)).toEqual(["a", "no-such-item", "b"]);
    expect(items[2]?.verdict).toBe("maybe");
    fake.setMode({ endpoint: "chat", mode: "judgeGarbage" });
    const garbage = await (await post("/chat/completions", judgeBody())).json();
    expect(() => JSON.parse(garbage.choices[0].message.content)).toThrow();
  });

  it("refusal and hang act on judge requests as on any chat request", async () => {
    fake.setMode({ endpoint: "chat", mode: "refusal", times: 1 });
    const refused = await (await post("/chat/completions", judgeBody())).json();
    expect(refused.choices[0].message).toMatchObject({ content: null, refusal: FAKE_REFUSAL });
    fake.setMode({ endpoint: "chat", mode: "hang" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    await expect(post("/chat/completions", judgeBody(), {}, controller.signal)).rejects.toThrow();
  });
});
