import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BACKENDS } from "@/lib/catalog";
import { resetConfigForTests } from "@/lib/config";
import { resetOpenAIClientForTests } from "@/lib/openai-client";
import { styleNamedIn } from "@/lib/refine/instruction-style";
import { forgetOutputModesForTests, openaiRefiner } from "@/lib/refine/openai-refiner";
import type { PromptBudget, RefinedPrompt, RefineInput } from "@/lib/refine/types";
import { countClipTokens } from "@/lib/tokens/clip-tokens";
import type { PromptVersion } from "@/lib/schemas/entities";
import { type FakeOpenAI, startFakeOpenAI } from "@/tests/fakes/openai";
import { writeFakePrompt } from "@/tests/fakes/openai/prompt-writer";
import { closeStore, configure, savedPrompt } from "./faults-harness";

/** The chat refiner against the fake server: the A1111 token budget, counted with CLIP BPE, and styles named in instructions. */

let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0 });
});
afterAll(async () => {
  await closeStore();
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

const A1111 = BACKENDS.automatic1111.capabilities;
/** What lib/studio/refine.ts gives the refiner for the A1111 backend. */
const A1111_BUDGET: PromptBudget = {
  maxChars: A1111.maxPromptChars,
  maxTokens: A1111.maxPromptTokens,
  countTokens: countClipTokens,
};
const SHORTENED = `Shortened to fit the backend's limit of ${A1111.maxPromptTokens} CLIP tokens.`;
const LONG_IDEA =
  "an old lighthouse keeper in a yellow raincoat feeding three grey cats on a rocky pier beside a wooden rowing boat at dawn, gulls circling overhead";

async function refine(input: RefineInput): Promise<{ result: RefinedPrompt; deltas: string[] }> {
  const deltas: string[] = [];
  const result = await openaiRefiner.refine(input, {
    signal: new AbortController().signal,
    onDelta: (t) => deltas.push(t),
  });
  return { result, deltas };
}

describe("the chat refiner's token budget", () => {
  it("A1111 reads 75 CLIP tokens of text", () => {
    expect(A1111.maxPromptTokens).toBe(75);
  });

  it("brings a prompt over the A1111 budget within it, counting CLIP tokens, and says so", async () => {
    const raw = writeFakePrompt({ idea: LONG_IDEA, dialect: "tags" }).prompt;
    expect(countClipTokens(raw)).toBeGreaterThan(75);
    const { result, deltas } = await refine({ idea: LONG_IDEA, dialect: "tags", budget: A1111_BUDGET });
    expect(countClipTokens(result.prompt), result.prompt).toBeLessThanOrEqual(75);
    expect(result.notes).toContain(SHORTENED);
    // Whole tags are dropped, not words cut: the idea's tag opens it, as the model wrote it.
    expect(result.prompt.startsWith(`(${LONG_IDEA}:1.2)`)).toBe(true);
    for (const tag of result.prompt.split(/,\s*(?![^()]*\))/)) expect(raw).toContain(tag);
    expect(deltas.at(-1)).toBe(result.prompt);
    for (const text of Object.values(result.parts)) {
      expect(`${result.prompt}\n${result.negativePrompt ?? ""}`).toContain(text);
    }
  });

  it("shortens prose by whole clauses, keeping the idea's words", async () => {
    const idea = "a red fox in the snow";
    const raw = writeFakePrompt({ idea, dialect: "prose" }).prompt;
    expect(countClipTokens(raw)).toBeGreaterThan(60);
    const { result } = await refine({
      idea,
      dialect: "prose",
      budget: { maxTokens: 60, countTokens: countClipTokens },
    });
    expect(countClipTokens(result.prompt), result.prompt).toBeLessThanOrEqual(60);
    expect(result.prompt).toContain(idea);
    expect(result.notes).toContain("Shortened to fit the backend's limit of 60 CLIP tokens.");
  });

  it("leaves a prompt within budget exactly as the model wrote it", async () => {
    const raw = writeFakePrompt({ idea: "a red fox", dialect: "tags" }).prompt;
    expect(countClipTokens(raw)).toBeLessThanOrEqual(75);
    const { result } = await refine({ idea: "a red fox", dialect: "tags", budget: A1111_BUDGET });
    expect(result.prompt).toBe(raw);
    expect(result.notes.some((n) => n.startsWith("Shortened"))).toBe(false);
  });

  it("keeps locked parts word for word while shortening a follow-up", async () => {
    // A first version without a budget, as on a backend with a looser one; then A1111.
    const first = await refine({ idea: LONG_IDEA, dialect: "tags" });
    const locks = ["lighting", "palette"] as const;
    const parent = {
      prompt: first.result.prompt,
      negativePrompt: first.result.negativePrompt ?? null,
      style: null,
      dialect: "tags" as const,
      parts: first.result.parts,
    };
    const { result } = await refine({
      idea: LONG_IDEA,
      dialect: "tags",
      parent,
      instruction: "add falling snow and a warm lantern on the pier",
      locks: [...locks],
      budget: A1111_BUDGET,
    });
    expect(countClipTokens(result.prompt), result.prompt).toBeLessThanOrEqual(75);
    expect(result.notes).toContain(SHORTENED);
    for (const name of locks) {
      const text = parent.parts[name];
      expect(text, name).toBeTruthy();
      expect(result.prompt).toContain(text);
      expect(result.parts[name]).toBe(text);
    }
  });

  it("keeps quoted lettering exactly", async () => {
    const idea = 'a neon sign above a tiny ramen shop that says "OPEN ALL NIGHT", rain on the street, two cyclists';
    expect(countClipTokens(writeFakePrompt({ idea, dialect: "tags" }).prompt)).toBeGreaterThan(75);
    const { result } = await refine({ idea, dialect: "tags", budget: A1111_BUDGET });
    expect(countClipTokens(result.prompt), result.prompt).toBeLessThanOrEqual(75);
    expect(result.prompt).toContain('"OPEN ALL NIGHT"');
  });

  it("says so when the idea's own words alone are over the budget", async () => {
    const idea = Array.from({ length: 12 }, (_, i) => `a different small wooden toy number ${i}`).join(" and ");
    const { result } = await refine({ idea, dialect: "tags", budget: A1111_BUDGET });
    expect(result.prompt.startsWith(`(${idea}:1.2)`)).toBe(true);
    expect(result.notes).toContain(SHORTENED);
    expect(result.notes).toContain(
      "Over the backend's limit of 75 CLIP tokens: the idea's own words and the locked parts alone are longer.",
    );
  });

  it("still cuts at the character limit when only characters are given", async () => {
    const { result } = await refine({ idea: "a red fox in the snow", dialect: "prose", budget: { maxChars: 120 } });
    expect(result.prompt.length).toBeLessThanOrEqual(120);
    expect(result.notes).toContain("Shortened to fit the backend's limit of 120 characters.");
  });
});

describe("a style named in an instruction", () => {
  const first = {
    prompt: "a red fox in the snow, soft light",
    negativePrompt: null,
    style: null,
    dialect: "prose" as const,
    parts: null,
  };

  it("is recorded on the version when it is a preset", async () => {
    for (const [instruction, style] of [
      ["make it a watercolor", "watercolor"],
      ["as a pixel art piece", "pixel-art"],
      ["in the style of a charcoal drawing", "charcoal-drawing"],
    ] as const) {
      const { result } = await refine({ idea: "a red fox in the snow", dialect: "prose", parent: first, instruction });
      expect(result.style, instruction).toBe(style);
    }
  });

  it("is null for a medium that is no preset, and absent when none is named", async () => {
    const gouache = await refine({
      idea: "a red fox",
      dialect: "prose",
      parent: first,
      instruction: "as a gouache painting",
    });
    expect(gouache.result.style).toBeNull();
    const rain = await refine({ idea: "a red fox", dialect: "prose", parent: first, instruction: "add rain" });
    expect(rain.result).not.toHaveProperty("style");
    const fresh = await refine({ idea: "a red fox as a watercolor", dialect: "prose" });
    expect(fresh.result).not.toHaveProperty("style");
  });

  it("is read by the offline refiner's own instruction parser", () => {
    expect(styleNamedIn("turn it into an oil painting, then add rain")).toBe("oil-painting");
    expect(styleNamedIn("")).toBeUndefined();
    expect(styleNamedIn(undefined)).toBeUndefined();
  });
});

describe("through POST /api/refine", () => {
  type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

  async function post(body: unknown): Promise<PromptVersion> {
    await configure({ RATE_REFINE_BURST: "1000", RATE_REFINE_PER_MIN: "100000" });
    const route = (await import("@/app/api/refine/route")).POST as unknown as Handler;
    const res = await route(
      new Request("http://localhost/api/refine", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(201);
    return (await res.json()) as PromptVersion;
  }

  it("saves a prompt for AUTOMATIC1111 within its 75 CLIP tokens, with the note", async () => {
    const version = await post({ idea: LONG_IDEA, refiner: "openai", backend: "automatic1111" });
    expect(countClipTokens(version.prompt), version.prompt).toBeLessThanOrEqual(75);
    expect(version.notes).toContain(SHORTENED);
  }, 60_000);

  it("saves the style an instruction names on the new version", async () => {
    const parent = await savedPrompt("a small red boat on a calm lake at dawn");
    const version = await post({ parentId: parent.id, instruction: "make it a watercolor", refiner: "openai" });
    expect(version.style).toBe("watercolor");
  }, 60_000);
});
