/**
 * Issue 11 §6: the offline refiner reads the idea's own words for medium, shot and format, and
 * lets them decide the rest. Each idea the issue reports, refined with no style, in both
 * dialects; the rules in offline-medium-rules.ts over those and forty varied ideas; and the
 * closings, which must not all be the same words.
 */
import { describe, expect, it } from "vitest";
import { refineOffline } from "@/lib/refine/offline";
import type { Dialect } from "@/lib/schemas/common";
import { commonestClosing, contradictions, ISSUE_IDEAS, VARIED_IDEAS } from "./offline-medium-rules";

const DIALECTS: readonly Dialect[] = ["prose", "tags"];
const refine = (idea: string, dialect: Dialect) => refineOffline({ idea, dialect });

describe("§6 the issue's ideas", () => {
  it.each(DIALECTS)("%s: a macro shot is a photograph with shallow focus, not a matte painting", (dialect) => {
    const { prompt } = refine("macro shot of a dew drop on a spider web", dialect);
    expect(prompt).toMatch(/photograph/);
    expect(prompt).toMatch(/depth of field|f\/\d/);
    expect(prompt).not.toMatch(/painting|brushwork|horizon|sweeping/i);
  });

  it.each(DIALECTS)("%s: a product photo is in a studio, with no horizon", (dialect) => {
    const { prompt, negativePrompt } = refine("product photo of a leather backpack", dialect);
    expect(prompt).toMatch(/studio|backdrop/);
    expect(prompt).not.toMatch(/horizon|sweeping|brushwork|painting/i);
    if (dialect === "tags") expect(negativePrompt).not.toMatch(/\bphoto/);
  });

  it.each(DIALECTS)("%s: a children's book illustration is a style, not a leather-bound book", (dialect) => {
    const { prompt, notes } = refine("children's book illustration of a shy hedgehog", dialect);
    expect(prompt).not.toMatch(/binding|gilt|leather/i);
    expect(notes[0]).toMatch(/hedgehog/);
  });

  it.each(DIALECTS)("%s: an isometric view has no one-point perspective", (dialect) => {
    const { prompt } = refine("isometric view of a medieval village", dialect);
    expect(prompt).toMatch(/isometric projection|isometric cutaway/);
    expect(prompt).not.toMatch(/one-point|vanishing|receding/i);
  });

  it.each(DIALECTS)("%s: a car in a white studio is a studio photograph, not a painter's studio", (dialect) => {
    const { prompt } = refine("sleek electric car in a white studio", dialect);
    expect(prompt).toMatch(/photograph/);
    expect(prompt).not.toMatch(/canvas|brushwork|painting|rain-beaded|window light/i);
  });

  it.each(DIALECTS)("%s: pixel art has no skin texture, window light or film grain", (dialect) => {
    const { prompt } = refine("pixel art knight", dialect);
    expect(prompt).not.toMatch(/skin texture|window light|film grain|catchlights|highly detailed/i);
    expect(prompt).toMatch(/pixel/);
  });

  it.each(DIALECTS)("%s: a minimalist poster is simple, not sweeping, layered or intricate", (dialect) => {
    const { prompt } = refine("minimalist poster of a mountain", dialect);
    expect(prompt).not.toMatch(/sweeping|layered|intricate|rich detail|highly detailed|film grain/i);
    expect(prompt).toMatch(/negative space|open space|empty space/);
  });

  it.each(DIALECTS)("%s: a top-down view gets no eye level", (dialect) => {
    for (const idea of ["top-down view of a picnic blanket", "a flat lay of breakfast, overhead"]) {
      expect(refine(idea, dialect).prompt, idea).not.toMatch(/eye[- ]level|street-level|low angle/i);
    }
  });
});

describe("§6 rules over a varied set", () => {
  const ideas = [...ISSUE_IDEAS, ...VARIED_IDEAS];

  it.each(DIALECTS)("%s: no prompt contradicts its idea's medium, shot, time, season, weather or angle", (dialect) => {
    const broken = ideas
      .map((idea) => {
        const r = refine(idea, dialect);
        return { idea, rules: contradictions(idea, r.prompt, r.negativePrompt) };
      })
      .filter((b) => b.rules.length > 0);
    expect(broken).toEqual([]);
  });

  it("prose prompts do not close on the same words: no closing ends more than 1 in 8", () => {
    expect(ideas.length).toBeGreaterThanOrEqual(40);
    const top = commonestClosing(ideas.map((idea) => refine(idea, "prose").prompt));
    expect(top.count / ideas.length, top.closing).toBeLessThanOrEqual(0.125);
  });

  it("the rules catch what the issue reported", () => {
    expect(
      contradictions("pixel art knight", "A pixel art knight. Natural skin texture and soft natural window light."),
    ).toEqual(["flat medium has realism"]);
    expect(contradictions("a lighthouse at night", "A lighthouse at night, bright midday sun.")).toContain(
      "night is daylit",
    );
    expect(contradictions("a cabin in winter", "A cabin in winter, autumn leaves drifting.")).toContain(
      "winter has other seasons",
    );
    expect(contradictions("product photo of a mug", "x", "blurry, photo")).toContain("photo idea negates photo");
  });
});

describe("§6 a photo's negative guards against paint, and a style change takes that guard away", () => {
  it("switching a photo to watercolor drops the photo's 'painting' guard", () => {
    const photo = refine("product photo of a leather backpack", "tags");
    expect(photo.negativePrompt).toMatch(/painting/);
    const next = refineOffline({
      idea: "product photo of a leather backpack",
      dialect: "tags",
      parent: {
        prompt: photo.prompt,
        negativePrompt: photo.negativePrompt ?? null,
        style: null,
        dialect: "tags",
        parts: photo.parts,
      },
      instruction: "make it a watercolor",
    });
    expect(next.negativePrompt ?? "").not.toMatch(/\bpainting\b/);
  });
});
