/**
 * Own styles (issue 13) in both refiners, in both dialects: an own style is applied exactly as a
 * built-in one is (the same function per dialect), from the parts the caller hands over; a
 * restyle into an own style swaps its parts in; a parent refined in a since-deleted own style is
 * refined further from its snapshot.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { resetOpenAIClientForTests } from "@/lib/openai-client";
import { refineOffline } from "@/lib/refine/offline";
import { forgetOutputModesForTests, openaiRefiner } from "@/lib/refine/openai-refiner";
import { buildSystemPrompt, STYLE_RULES } from "@/lib/refine/system-prompt";
import type { RefineInput } from "@/lib/refine/types";
import { styleNames } from "@/lib/refine/offline/vocab/media";
import type { Dialect } from "@/lib/schemas/common";
import type { StyleSnapshot } from "@/lib/schemas/styles";
import { getStyle, snapshotOf } from "@/lib/styles";
import { type FakeOpenAI, type RecordedRequest, startFakeOpenAI } from "@/tests/fakes/openai";

const OWN: StyleSnapshot = {
  id: "own-harbour",
  label: "Harbour zine",
  medium: "risograph zine print",
  lighting: "flat even daylight with no cast shadows",
  palette: "fluorescent pink and teal ink",
  camera: "centered frontal composition with wide margins",
  detail: "visible misregistration, grainy ink texture",
  negative: "photograph, glossy, gradients",
};

const DIALECTS: readonly Dialect[] = ["prose", "tags"];

describe("the chat refiner's system prompt", () => {
  it("applies an own style through the same per-dialect function as a built-in one", () => {
    const watercolor = getStyle("watercolor");
    if (!watercolor) throw new Error("no watercolor preset");
    for (const dialect of DIALECTS) {
      const own = buildSystemPrompt({ dialect, mode: "json_schema", followUp: false, styleId: OWN.id, style: OWN });
      expect(own, dialect).toContain(STYLE_RULES[dialect](OWN));
      for (const part of [OWN.medium, OWN.lighting, OWN.palette, OWN.camera, OWN.detail]) expect(own).toContain(part);
      expect(own).toContain('Style preset "Harbour zine"');
      const builtIn = buildSystemPrompt({
        dialect,
        mode: "json_schema",
        followUp: false,
        styleId: "watercolor",
        style: snapshotOf(watercolor),
      });
      expect(builtIn).toContain(STYLE_RULES[dialect](snapshotOf(watercolor)));
    }
    // Only tags have a negative prompt to put the style's exclusions in.
    expect(STYLE_RULES.tags(OWN)).toContain(`negative prompt: ${OWN.negative}`);
    expect(STYLE_RULES.prose(OWN)).not.toContain("negative");
    expect(STYLE_RULES.tags({ ...OWN, negative: "" })).not.toContain("negative");
  });
});

describe("the chat refiner with an own style (OpenAI fake)", () => {
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
    resetConfigForTests();
    resetOpenAIClientForTests();
    forgetOutputModesForTests();
  });

  type ChatBody = { messages: Array<{ role: string; content: string }> };
  const systemOf = (r: RecordedRequest | undefined) =>
    (r?.body as ChatBody | undefined)?.messages.find((m) => m.role === "system")?.content ?? "";

  for (const dialect of DIALECTS) {
    it(`sends the own style's parts in the system prompt (${dialect})`, async () => {
      const input: RefineInput = { idea: "a heron at dawn", dialect, style: OWN.id, ownStyle: OWN };
      await openaiRefiner.refine(input, { signal: new AbortController().signal });
      const system = systemOf(fake.requests().find((r) => r.endpoint === "chat"));
      expect(system).toContain(STYLE_RULES[dialect](OWN));
    });
  }

  it("refines further in a deleted own style from the parent's snapshot", async () => {
    const input: RefineInput = {
      idea: "a heron at dawn",
      dialect: "prose",
      style: OWN.id,
      parent: {
        prompt: "A heron at dawn as a risograph zine print.",
        negativePrompt: null,
        style: OWN.id,
        dialect: "prose",
        parts: null,
        styleUsed: OWN,
      },
      instruction: "make it foggy",
    };
    await openaiRefiner.refine(input, { signal: new AbortController().signal });
    expect(systemOf(fake.requests().find((r) => r.endpoint === "chat"))).toContain(OWN.palette);
  });
});

describe("the offline refiner with an own style", () => {
  for (const dialect of DIALECTS) {
    it(`weaves the own style's parts in, as a preset's (${dialect})`, () => {
      const out = refineOffline({ idea: "a heron at dawn in a marsh", dialect, style: OWN.id, ownStyle: OWN });
      expect(out.prompt).toContain("risograph zine print");
      expect(out.prompt).toContain("fluorescent pink and teal ink");
      expect(out.notes).toContain("Applied the Harbour zine style preset.");
      if (dialect === "tags") expect(out.negativePrompt).toContain("glossy");
      else expect(out.negativePrompt).toBeUndefined();
    });

    it(`restyles a version into an own style (${dialect})`, () => {
      const first = refineOffline({ idea: "a lighthouse on a cliff", dialect, style: "watercolor" });
      const restyled = refineOffline({
        idea: "a lighthouse on a cliff",
        dialect,
        style: OWN.id,
        ownStyle: OWN,
        parent: { ...first, negativePrompt: first.negativePrompt ?? null, style: "watercolor", dialect },
      });
      expect(restyled.prompt).toContain("risograph zine print");
      expect(restyled.prompt).not.toContain("watercolor");
      expect(restyled.prompt).toContain("lighthouse");
    });
  }

  it("an own style's family is read from its medium, and its camera is kept where it fits", () => {
    const photo: StyleSnapshot = { ...OWN, id: "own-photo", medium: "documentary photograph on 35mm film" };
    const out = refineOffline({ idea: "a market at night", dialect: "prose", style: photo.id, ownStyle: photo });
    expect(out.prompt).toContain("documentary photograph on 35mm film");
    expect(out.prompt).toMatch(/centered frontal composition/i);
    expect(styleNames(photo).family).toBe("photo");
    expect(styleNames(OWN)).toMatchObject({ short: "risograph zine print", family: "illustration" });
  });
});
