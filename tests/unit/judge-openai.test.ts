/**
 * The chat judge (issue 11) against the fake OpenAI server: the request carries the image as a
 * data: URL part that the contract validates, the answer is strict structured output, and each of
 * the fake's judge modes comes out as the app promises.
 */
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { NOT_ANSWERED } from "@/lib/judge/judge-answer";
import { openaiJudge } from "@/lib/judge/openai-judge";
import { autoCheckEnabled, configuredJudge } from "@/lib/judge/registry";
import { resetOpenAIClientForTests } from "@/lib/openai-client";
import type { CheckItem } from "@/lib/schemas/checks";
import { type FakeOpenAI, startFakeOpenAI, validateAgainstContract } from "@/tests/fakes/openai";

const KEY = "sk-fake-judge-unit-key";
let fake: FakeOpenAI;
let png: Uint8Array;

function configure(extra: Record<string, string> = {}) {
  process.env.OPENAI_API_KEY = KEY;
  process.env.OPENAI_BASE_URL = fake.url;
  process.env.REFINE_MODEL = "gpt-5.4-mini";
  for (const name of ["JUDGE", "JUDGE_MODEL", "JUDGE_TIMEOUT_MS", "AUTO_CHECK"]) delete process.env[name];
  Object.assign(process.env, extra);
  resetConfigForTests();
  resetOpenAIClientForTests();
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0 });
  png = new Uint8Array(
    await sharp({ create: { width: 32, height: 32, channels: 3, background: "#c03020" } })
      .png()
      .toBuffer(),
  );
});
afterAll(async () => {
  await fake.close();
  for (const name of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "JUDGE", "JUDGE_MODEL", "JUDGE_TIMEOUT_MS"]) {
    delete process.env[name];
  }
  resetConfigForTests();
  resetOpenAIClientForTests();
});
beforeEach(() => {
  fake.reset();
  configure();
});

const ITEMS: CheckItem[] = [
  { id: "c1", text: "There are two foxes", kind: "count", words: ["two", "foxes"] },
  { id: "c2", text: "The foxes are red", kind: "attribute", words: ["red"] },
  { id: "c3", text: "A full moon", kind: "setting", words: ["full", "moon"] },
];
const PROMPT = "two red foxes in a snowy forest";

function check(opts: { signal?: AbortSignal; items?: CheckItem[]; prompt?: string } = {}) {
  return openaiJudge().check(
    {
      image: { bytes: png, mime: "image/png", width: 32, height: 32, seed: 1 },
      prompt: opts.prompt ?? PROMPT,
      items: opts.items ?? ITEMS,
    },
    { signal: opts.signal ?? new AbortController().signal },
  );
}

async function checkError(opts: Parameters<typeof check>[0] = {}): Promise<AppError> {
  const error = await check(opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

type UserPart = { type: string; text?: string; image_url?: { url: string } };
type JudgeBody = {
  model: string;
  messages: Array<{ role: string; content: string | UserPart[] }>;
  response_format: { type: string; json_schema?: { name: string; strict: boolean; schema: unknown } };
};

describe("the chat judge's request", () => {
  it("sends the image as a data: URL part, with strict structured output, to JUDGE_MODEL", async () => {
    configure({ JUDGE_MODEL: "gpt-vision-test" });
    await check();
    const [request] = fake.requests();
    expect(request?.contractErrors).toBeNull();
    const body = request?.body as JudgeBody;
    expect(validateAgainstContract("CreateChatCompletionRequest", body)).toEqual({ valid: true });
    expect(body.model).toBe("gpt-vision-test");
    const user = body.messages.find((m) => m.role === "user");
    const parts = user?.content as UserPart[];
    const image = parts.find((p) => p.type === "image_url");
    expect(image?.image_url?.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(validateAgainstContract("ChatCompletionRequestMessageContentPartImage", image)).toEqual({ valid: true });
    expect(parts.find((p) => p.type === "text")?.text).toContain(PROMPT);
    expect(body.response_format.type).toBe("json_schema");
    expect(body.response_format.json_schema).toMatchObject({ name: "image_check", strict: true });
  });

  it("defaults JUDGE_MODEL to the refiner's model, and auto picks the chat judge when one is configured", async () => {
    expect(configuredJudge()).toMatchObject({ id: "openai", model: "gpt-5.4-mini", label: "gpt-5.4-mini" });
    configure({ JUDGE: "offline" });
    expect(configuredJudge()?.id).toBe("offline");
    configure({ JUDGE: "off" });
    expect(configuredJudge()).toBeUndefined();
    delete process.env.JUDGE;
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    resetConfigForTests();
    expect(configuredJudge()?.id).toBe("offline");
    expect(autoCheckEnabled()).toBe(true);
    configure();
    expect(autoCheckEnabled()).toBe(false);
    configure({ AUTO_CHECK: "on" });
    expect(autoCheckEnabled()).toBe(true);
  });

  it("the fake refuses an image part whose bytes are no image (it reads images, not only shapes)", async () => {
    const error = await openaiJudge()
      .check(
        {
          image: {
            bytes: new TextEncoder().encode("not a png at all, just text"),
            mime: "image/png",
            width: 1,
            height: 1,
            seed: null,
          },
          prompt: PROMPT,
          items: ITEMS,
        },
        { signal: new AbortController().signal },
      )
      .then(
        () => undefined,
        (e: unknown) => e as AppError,
      );
    expect(error?.code).toBe("backend_error");
    expect(error?.message).toMatch(/Invalid image/);
  });
});

describe("the chat judge's answers, by the fake's mode", () => {
  it("ok: items whose words are in the prompt pass, the rest fail", async () => {
    const results = await check();
    expect(results.map((r) => [r.checkId, r.verdict])).toEqual([
      ["c1", "pass"],
      ["c2", "pass"],
      ["c3", "fail"],
    ]);
    expect(results[0]).toMatchObject({ text: "There are two foxes", kind: "count" });
    for (const r of results) expect(r.reason).not.toBe("");
  });

  it("judgeAllPass: every item passes", async () => {
    fake.setMode({ endpoint: "chat", mode: "judgeAllPass" });
    expect((await check()).every((r) => r.verdict === "pass")).toBe(true);
  });

  it("judgeFixable: some fail the first time, and pass the next", async () => {
    fake.setMode({ endpoint: "chat", mode: "judgeFixable" });
    const first = await check();
    expect(first.map((r) => r.verdict)).toEqual(["pass", "fail", "pass"]);
    const second = await check();
    expect(second.map((r) => r.verdict)).toEqual(["pass", "pass", "pass"]);
  });

  it("judgeNeverBetter: the same items fail every time", async () => {
    fake.setMode({ endpoint: "chat", mode: "judgeNeverBetter" });
    const first = await check();
    const second = await check();
    expect(first.map((r) => r.verdict)).toEqual(["pass", "fail", "pass"]);
    expect(second.map((r) => r.verdict)).toEqual(first.map((r) => r.verdict));
  });

  it("refusal: a clear refused error", async () => {
    fake.setMode({ endpoint: "chat", mode: "refusal" });
    const error = await checkError();
    expect(error.code).toBe("refused");
    expect(error.message).toMatch(/^The judge model declined to check this image/);
  });

  it("judgeMalformed: what parses is kept, the items not answered are unsure", async () => {
    fake.setMode({ endpoint: "chat", mode: "judgeMalformed" });
    const results = await check();
    expect(results.map((r) => [r.checkId, r.verdict])).toEqual([
      ["c1", "pass"],
      ["c2", "unsure"],
      ["c3", "unsure"],
    ]);
    expect(results[1]?.reason).toBe(NOT_ANSWERED);
  });

  it("judgeGarbage: nothing parses, so it is an error and nothing half-true", async () => {
    fake.setMode({ endpoint: "chat", mode: "judgeGarbage" });
    const error = await checkError();
    expect(error.code).toBe("backend_error");
    expect(error.message).toMatch(/could not be read/);
  });

  it("hang: times out after JUDGE_TIMEOUT_MS with a clear message", async () => {
    configure({ JUDGE_TIMEOUT_MS: "300" });
    fake.setMode({ endpoint: "chat", mode: "hang" });
    const error = await checkError();
    expect(error.code).toBe("timeout");
    expect(error.message).toMatch(/judge model did not answer within/);
  });

  it("hang: the caller's signal stops it as canceled", async () => {
    fake.setMode({ endpoint: "chat", mode: "hang" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect((await checkError({ signal: controller.signal })).code).toBe("canceled");
  });

  it("error500: a short message that never carries the key or the URL", async () => {
    fake.setMode({ endpoint: "chat", mode: "error500" });
    const error = await checkError();
    expect(error.code).toBe("backend_error");
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain(fake.url);
  });
});
