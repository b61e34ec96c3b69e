import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { resetOpenAIClientForTests } from "@/lib/openai-client";
import { forgetOutputModesForTests, openaiRefiner } from "@/lib/refine/openai-refiner";
import type { RefinedPrompt, RefineInput } from "@/lib/refine/types";
import { ChecklistSchema } from "@/lib/schemas/checks";
import { type FakeOpenAI, type RecordedRequest, startFakeOpenAI } from "@/tests/fakes/openai";
import { FAKE_NO_CHECKS } from "@/tests/fakes/openai/checks-writer";

/** The chat refiner's checklist (issue 11): a `checks` field in the same structured answer, ids ours. */

let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  process.env.OPENAI_API_KEY = "sk-fake-unit-key";
  process.env.OPENAI_BASE_URL = fake.url;
  process.env.REFINE_MODEL = "gpt-5.4-mini";
  delete process.env.REFINE_TIMEOUT_MS;
  resetConfigForTests();
  resetOpenAIClientForTests();
  forgetOutputModesForTests();
});

type ChatBody = {
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string; json_schema?: { schema: SchemaNode } };
};
type SchemaNode = { properties: Record<string, SchemaNode>; required?: string[]; items?: SchemaNode };
const chatRequests = () => fake.requests().filter((r) => r.endpoint === "chat");
const bodyOf = (r: RecordedRequest | undefined) => r?.body as ChatBody;
const userOf = (r: RecordedRequest | undefined) => bodyOf(r).messages.find((m) => m.role === "user")?.content ?? "";
const systemOf = (r: RecordedRequest | undefined) => bodyOf(r).messages.find((m) => m.role === "system")?.content ?? "";

const refine = (input: RefineInput): Promise<RefinedPrompt> =>
  openaiRefiner.refine(input, { signal: new AbortController().signal });

const IDEA = 'two red foxes, a sign that says "OPEN"';

describe("the chat refiner's checklist", () => {
  it("asks for checks in the strict schema, says they are the idea's demands, and numbers them", async () => {
    const refined = await refine({ idea: IDEA, dialect: "prose" });
    const request = chatRequests()[0];
    const schema = bodyOf(request).response_format?.json_schema?.schema as SchemaNode;
    expect(schema.required).toContain("checks");
    expect(schema.properties.checks?.items?.required).toEqual(["text", "kind", "words"]);
    expect(systemOf(request)).toMatch(/never what you added yourself/);
    expect(ChecklistSchema.parse(refined.checks)).toEqual(refined.checks);
    expect(refined.checks).toEqual([
      { id: "c1", text: "the text “OPEN” appears, spelled exactly", kind: "text", words: ["OPEN"] },
      { id: "c2", text: "there are exactly two red foxes", kind: "count", words: ["two", "red", "foxes"] },
      { id: "c3", text: "the picture shows a sign that says", kind: "entity", words: ["a", "sign", "that", "says"] },
    ]);
  });

  it("sends the current checklist on a revision and keeps the ids of the items that stay", async () => {
    const first = await refine({ idea: IDEA, dialect: "prose" });
    fake.reset();
    const parent = {
      prompt: first.prompt,
      negativePrompt: null,
      style: null,
      dialect: "prose" as const,
      parts: first.parts,
    };
    const child = await refine({
      idea: IDEA,
      dialect: "prose",
      parent: { ...parent, checks: first.checks },
      instruction: "make it one fox",
    });
    expect(userOf(chatRequests()[0])).toContain("<current_checks>\ntext: the text “OPEN” appears, spelled exactly");
    expect(child.checks?.map((c) => [c.id, c.text])).toEqual([
      ["c1", "the text “OPEN” appears, spelled exactly"],
      ["c4", "there is exactly one fox"],
      ["c3", "the picture shows a sign that says"],
    ]);
  });

  it("works in json_object mode too, and tolerates an answer with no checks", async () => {
    fake.setMode({ mode: "noJsonSchema", endpoint: "chat" });
    const objectMode = await refine({ idea: IDEA, dialect: "tags" });
    expect(systemOf(chatRequests().at(-1))).toContain('"checks": [{"text": string');
    expect(objectMode.checks?.length).toBe(3);
    fake.reset();
    forgetOutputModesForTests();
    const older = await refine({ idea: `a lighthouse ${FAKE_NO_CHECKS}`, dialect: "prose" });
    expect(older.prompt).toBeTruthy();
    expect(older.checks).toBeUndefined();
  });
});
