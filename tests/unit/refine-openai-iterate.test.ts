import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { resetOpenAIClientForTests } from "@/lib/openai-client";
import { candidateDirections } from "@/lib/refine/directions";
import { interpretAnswer } from "@/lib/refine/openai-answer";
import { forgetOutputModesForTests, openaiRefiner } from "@/lib/refine/openai-refiner";
import { buildSystemPrompt } from "@/lib/refine/system-prompt";
import type { RefinedPrompt, RefineInput } from "@/lib/refine/types";
import { PART_NAMES } from "@/lib/schemas/entities";
import { type FakeOpenAI, type RecordedRequest, startFakeOpenAI } from "@/tests/fakes/openai";
import { FAKE_IGNORE_LOCKS } from "@/tests/fakes/openai/prompt-writer";

/** The chat-model refiner iterating against the fake OpenAI server: parts, follow-ups, locks, candidates, restyles. */

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

type ChatBody = { messages: Array<{ role: string; content: string }>; response_format?: { type: string } };
const chatRequests = () => fake.requests().filter((r) => r.endpoint === "chat");
const bodyOf = (r: RecordedRequest | undefined) => r?.body as ChatBody;
const userOf = (r: RecordedRequest | undefined) => bodyOf(r).messages.find((m) => m.role === "user")?.content ?? "";
const systemOf = (r: RecordedRequest | undefined) => bodyOf(r).messages.find((m) => m.role === "system")?.content ?? "";

async function refine(input: RefineInput): Promise<RefinedPrompt> {
  return openaiRefiner.refine(input, { signal: new AbortController().signal });
}

function expectPartsInPrompt(r: RefinedPrompt): void {
  for (const name of PART_NAMES) {
    const text = r.parts[name];
    if (text === undefined) continue;
    const home = name === "negative" ? (r.negativePrompt ?? "") : r.prompt;
    expect(home, name).toContain(text);
  }
}

const IDEA = "a red fox in the snow";

async function firstVersion(dialect: "prose" | "tags" = "prose") {
  const r = await refine({ idea: IDEA, dialect });
  return {
    refined: r,
    parent: { prompt: r.prompt, negativePrompt: r.negativePrompt ?? null, style: null, dialect, parts: r.parts },
  };
}

describe("structured parts", () => {
  it("asks for parts in the strict schema and parses them from the answer", async () => {
    const { refined } = await firstVersion("prose");
    const schema = (bodyOf(chatRequests()[0]).response_format as { json_schema?: { schema: Record<string, unknown> } })
      .json_schema?.schema as { properties: { parts: { required: string[]; additionalProperties: boolean } } };
    expect(schema.properties.parts.required).toEqual([...PART_NAMES]);
    expect(schema.properties.parts.additionalProperties).toBe(false);
    expect(refined.parts.subject).toBe(IDEA);
    expect(refined.parts.medium).toBeTruthy();
    expect(refined.parts.lighting).toBeTruthy();
    expect(refined.parts.negative).toBeUndefined();
    expectPartsInPrompt(refined);
  });

  it("parses parts in both dialects and both JSON modes, each a substring of the prompt", async () => {
    for (const mode of [undefined, "noJsonSchema"] as const) {
      for (const dialect of ["prose", "tags"] as const) {
        fake.reset();
        forgetOutputModesForTests();
        if (mode) fake.setMode({ mode, endpoint: "chat" });
        const r = await refine({ idea: "an owl in a library at night", dialect });
        expect(Object.keys(r.parts).length, `${mode} ${dialect}`).toBeGreaterThanOrEqual(dialect === "tags" ? 8 : 7);
        expectPartsInPrompt(r);
        if (dialect === "tags") expect(r.parts.subject).toBe("(an owl in a library at night:1.2)");
      }
    }
    expect(systemOf(chatRequests().at(-1))).toContain('"parts": {"subject": string');
  });

  it("drops a part that is not in the prompt, and takes the prompt's own spelling of one that is", () => {
    const content = JSON.stringify({
      prompt: "A Red Fox in deep snow. Lit by cold moonlight.",
      negativePrompt: "",
      title: "Fox",
      notes: [],
      parts: {
        subject: "a red fox",
        setting: "in a forest",
        medium: "",
        lighting: "cold moonlight",
        composition: 42,
        palette: "",
        details: "",
        negative: "blurry",
      },
    });
    const r = interpretAnswer(
      { content, refusal: "", finishReason: "stop", model: "m" },
      "json_schema",
      { idea: "a fox", dialect: "prose" },
      "m",
    );
    expect(r.parts).toEqual({ subject: "A Red Fox", lighting: "cold moonlight" });
  });
});

describe("follow-up refinement", () => {
  it("sends the idea, the current prompt, its parts and the instruction, and gets parts back", async () => {
    const { parent } = await firstVersion("prose");
    fake.reset();
    const r = await refine({ idea: IDEA, dialect: "prose", parent, instruction: "make it night" });
    const user = userOf(chatRequests()[0]);
    expect(user).toContain(`<idea>\n${IDEA}\n</idea>`);
    expect(user).toContain(`<current_prompt>\n${parent.prompt}\n</current_prompt>`);
    expect(user).toContain(`subject: ${parent.parts.subject}`);
    expect(user).toContain(`lighting: ${parent.parts.lighting}`);
    expect(user).toContain("<instruction>\nmake it night\n</instruction>");
    expect(user).not.toContain("<locked_parts>");
    expect(systemOf(chatRequests()[0])).toMatch(/change only what the instruction asks/i);
    expect(r.prompt.startsWith(parent.prompt)).toBe(true);
    expect(r.prompt).toContain("make it night");
    expect(r.notes).toContain("Applied the instruction: make it night.");
    expect(r.parts.lighting).toBe(parent.parts.lighting);
    expectPartsInPrompt(r);
  });

  it("tells the model which parts are locked, with their exact text", async () => {
    const { parent } = await firstVersion("tags");
    fake.reset();
    const r = await refine({
      idea: IDEA,
      dialect: "tags",
      parent,
      instruction: "add falling snow",
      locks: ["subject", "medium", "negative"],
    });
    const user = userOf(chatRequests()[0]);
    expect(user).toContain(
      `<locked_parts>\nsubject: ${parent.parts.subject}\nmedium: ${parent.parts.medium}\nnegative: ${parent.parts.negative}\n</locked_parts>`,
    );
    expect(systemOf(chatRequests()[0])).toMatch(/locked_parts.*character for character/s);
    for (const name of ["subject", "medium", "negative"] as const) expect(r.parts[name]).toBe(parent.parts[name]);
    expect(r.notes.some((n) => n.startsWith("Restored"))).toBe(false);
  });

  it("puts locked parts back word for word when the model rewords them, and says so", async () => {
    const { parent } = await firstVersion("prose");
    fake.reset();
    const r = await refine({
      idea: IDEA,
      dialect: "prose",
      parent,
      instruction: `warmer light ${FAKE_IGNORE_LOCKS}`,
      locks: ["medium", "lighting"],
    });
    for (const name of ["medium", "lighting"] as const) {
      expect(r.parts[name]).toBe(parent.parts[name]);
      expect(r.prompt).toContain(parent.parts[name]);
      expect(r.notes).toContain(`Restored the locked ${name} word for word: "${parent.parts[name]}".`);
    }
    expect(r.prompt).not.toContain("reworked");
    expectPartsInPrompt(r);
  });

  it("restyles: a new style with no instruction is a revision that asks for the preset", async () => {
    const { parent } = await firstVersion("prose");
    fake.reset();
    const r = await refine({
      idea: IDEA,
      dialect: "prose",
      parent: { ...parent, style: null },
      style: "woodblock-print",
    });
    const user = userOf(chatRequests()[0]);
    expect(user).toContain("<current_prompt>");
    expect(user).toMatch(/<instruction>\nRestyle it with the "Woodblock print" style preset/);
    const system = systemOf(chatRequests()[0]);
    expect(system).toContain("- Medium: ukiyo-e woodblock print");
    expect(system).toMatch(/This is a revision/);
    expect(r.prompt.startsWith(parent.prompt)).toBe(true);
  });

  it("restyles and applies an instruction in one step", async () => {
    const { parent } = await firstVersion("prose");
    fake.reset();
    await refine({ idea: IDEA, dialect: "prose", parent, style: "claymation", instruction: "close-up" });
    expect(userOf(chatRequests()[0])).toMatch(/<instruction>\nclose-up\nRestyle it with the "Claymation" style preset/);
  });
});

describe("candidates", () => {
  it("send their direction, and come back different", async () => {
    const results: RefinedPrompt[] = [];
    for (const direction of candidateDirections(3))
      results.push(await refine({ idea: IDEA, dialect: "prose", direction }));
    const users = chatRequests().map(userOf);
    expect(users[0]).toContain("<direction>\nFaithful\n");
    expect(users[1]).toContain("<direction>\nBolder: dramatic light and palette\n");
    expect(users[2]).toContain(`${candidateDirections(3)[2]?.brief}\n</direction>`);
    for (const r of chatRequests()) expect(systemOf(r)).toMatch(/one of several candidates/);
    expect(new Set(results.map((r) => r.prompt)).size).toBe(3);
    for (const r of results) {
      expect(r.prompt).toContain(IDEA);
      expectPartsInPrompt(r);
    }
  });

  it("send their direction on a follow-up too", async () => {
    const { parent } = await firstVersion("tags");
    fake.reset();
    const [faithful, bold] = candidateDirections(2);
    const a = await refine({ idea: IDEA, dialect: "tags", parent, instruction: "at dawn", direction: faithful });
    const b = await refine({ idea: IDEA, dialect: "tags", parent, instruction: "at dawn", direction: bold });
    expect(userOf(chatRequests()[1])).toMatch(/<instruction>\nat dawn\n<\/instruction>\n\n<direction>\nBolder/);
    expect(a.prompt).not.toBe(b.prompt);
  });
});

describe("safety steering", () => {
  it("tells the model to refuse harmful images rather than write them", () => {
    for (const mode of ["json_schema", "json_object", "text"] as const) {
      const system = buildSystemPrompt({ dialect: "prose", mode, followUp: false });
      expect(system).toMatch(/refuse/i);
      for (const topic of [/minors/, /gore/, /real, identifiable person/, /defamatory/, /hate symbols/, /weapons/]) {
        expect(system).toMatch(topic);
      }
      expect(system).toMatch(/never a toned-down prompt/);
    }
  });
});
