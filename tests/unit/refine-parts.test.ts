import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { locateText, resolveParts } from "@/lib/refine/anatomy";
import { candidateDirections } from "@/lib/refine/directions";
import { refineOffline } from "@/lib/refine/offline";
import type { RefinedPrompt } from "@/lib/refine/types";
import { PART_NAMES } from "@/lib/schemas/entities";
import { STYLE_IDS } from "@/lib/schemas/styles";

const IDEAS = [
  "a lighthouse on a cliff at dusk",
  "a fox in the snow, cozy",
  "CYBERPUNK CITY AT NIGHT, RAIN!!!",
  "My grandmother's kitchen on a Sunday morning.",
  "portrait of an old fisherman; weathered, stoic",
  "Two kids building a snow-covered treehouse — autumn, joyful",
  "a tiny robot watering plants on Mars",
  "neon jellyfish drifting above a flooded subway station",
  "an astronaut reading a newspaper in a 1950s diner",
  "a watercolor of a cat asleep on a windowsill",
  "in a misty forest, a deer",
  "minimalist logo of a coffee cup",
  "close-up of a dragon's eye, eerie",
];

/** Idea words to build random ideas from: subjects, places, times, weather, moods. */
const SUBJECTS = ["fox", "old sailor", "castle", "robot", "cat", "lighthouse", "owl", "tram", "teapot"];
const PLACES = ["forest", "harbor", "desert", "library", "mountain village", "snow", "city street", "meadow"];
const EXTRAS = ["at dawn", "at night", "in the rain", "in autumn", "eerie", "cozy", "at golden hour", "foggy", ""];

const ideaArb = fc.oneof(
  fc.constantFrom(...IDEAS),
  fc
    .tuple(fc.constantFrom(...SUBJECTS), fc.constantFrom(...PLACES), fc.constantFrom(...EXTRAS))
    .map(([s, p, e]) => `a ${s} in the ${p}${e ? `, ${e}` : ""}`),
);
const styleArb = fc.constantFrom(null, ...STYLE_IDS);
const dialectArb = fc.constantFrom("prose" as const, "tags" as const);
const directionArb = fc.option(fc.constantFrom(...candidateDirections(4)), { nil: undefined });
const instructionArb = fc.constantFrom(
  "make it night",
  "add rain",
  "make it winter",
  "make it eerie",
  "as an oil painting",
  "close-up",
  "in blue tones",
  "more detail",
  "less detail",
  "add a lantern",
  "remove the snow",
  "more cozy",
  "give it a tiny red scarf",
);

/** Every part is a substring of its text: the prompt, or the negative prompt for `negative`. */
function expectPartsInPrompt(r: RefinedPrompt, label: string): void {
  for (const name of PART_NAMES) {
    const text = r.parts[name];
    if (text === undefined) continue;
    expect(text.trim().length, `${label} ${name}`).toBeGreaterThan(0);
    const home = name === "negative" ? (r.negativePrompt ?? "") : r.prompt;
    expect(home.includes(text), `${label}: ${name} ${JSON.stringify(text)} not in ${JSON.stringify(home)}`).toBe(true);
  }
}

describe("offline parts", () => {
  it("names the anatomy of a first version, each part word for word in the prompt", () => {
    const r = refineOffline({ idea: "a lighthouse on a cliff at dusk", dialect: "prose", style: "watercolor" });
    expect(r.parts.subject).toBe("A lighthouse");
    expect(r.parts.setting).toBe("on a cliff at dusk");
    expect(r.parts.medium).toBe("a loose watercolor painting on cold-press paper");
    expect(r.parts.lighting).toMatch(/twilight/);
    expect(r.parts.composition).toBe("Airy composition with generous empty paper around the subject");
    expect(r.parts.details).toMatch(/paper grain/);
    expect(r.parts.negative).toBeUndefined();
    expectPartsInPrompt(r, "prose");

    const t = refineOffline({ idea: "a lighthouse on a cliff at dusk", dialect: "tags", style: "watercolor" });
    expect(t.parts.subject).toBe("(lighthouse:1.2)");
    expect(t.parts.setting).toBe("on a cliff at dusk");
    expect(t.parts.medium).toBe("(loose watercolor painting on cold-press paper:1.1)");
    expect(t.parts.negative).toBe(t.negativePrompt);
    expectPartsInPrompt(t, "tags");
  });

  it("has at least subject, medium, lighting and palette for ordinary ideas", () => {
    for (const dialect of ["prose", "tags"] as const) {
      for (const idea of ["a fox in the snow, cozy", "a tiny robot watering plants on Mars"]) {
        const r = refineOffline({ idea, dialect });
        for (const name of ["subject", "medium", "lighting", "palette", "details"] as const) {
          expect(r.parts[name], `${dialect} ${idea} ${name}`).toBeTruthy();
        }
      }
    }
  });

  it("keeps every part a substring of the prompt, over many ideas, all styles and both dialects", () => {
    fc.assert(
      fc.property(ideaArb, styleArb, dialectArb, directionArb, (idea, style, dialect, direction) => {
        const r = refineOffline({ idea, style, dialect, direction });
        expectPartsInPrompt(r, `${dialect}/${style}/${direction?.id}: ${idea}`);
        expect(r.parts.subject ?? r.parts.setting, idea).toBeTruthy();
      }),
      { numRuns: 200, seed: 4242 },
    );
  }, 120_000);

  it("keeps parts substrings through follow-ups and restyles, with any budget", () => {
    fc.assert(
      fc.property(
        ideaArb,
        styleArb,
        styleArb,
        dialectArb,
        instructionArb,
        fc.option(fc.constantFrom(77, 120), { nil: undefined }),
        (idea, style, restyle, dialect, instruction, maxTokens) => {
          const parent = refineOffline({ idea, style, dialect });
          const child = refineOffline({
            idea,
            dialect,
            style: restyle,
            instruction,
            budget: maxTokens ? { maxTokens } : undefined,
            parent: { ...parent, negativePrompt: parent.negativePrompt ?? null, style, dialect },
          });
          expectPartsInPrompt(child, `${dialect} ${style}→${restyle} "${instruction}": ${idea}`);
          // A follow-up that did not target the subject still names it.
          if (!/remove/.test(instruction) && parent.parts.subject) expect(child.parts.subject).toBeTruthy();
        },
      ),
      { numRuns: 150, seed: 1717 },
    );
  }, 120_000);

  it("reads parts back from a prompt it did not write, by their words", () => {
    const r = refineOffline({
      idea: "a fox in the snow",
      dialect: "prose",
      instruction: "close-up",
      parent: {
        prompt:
          "A red fox sits in deep snow at golden hour, warm sunlight glowing on its fur. Shot on a 50mm lens with shallow depth of field, in warm amber tones.",
        negativePrompt: null,
        style: null,
        dialect: "prose",
        parts: null,
      },
    });
    expectPartsInPrompt(r, "foreign");
    expect(r.parts.subject).toMatch(/^A red fox/);
    expect(r.parts.composition).toMatch(/close-up/);
    expect(r.parts.palette).toMatch(/amber tones/);
  });
});

describe("resolveParts and locateText", () => {
  it("keeps a part only where it is, in the prompt's own spelling", () => {
    const prompt = "A Red Fox in the snow.  Lit by warm lamplight.";
    expect(locateText(prompt, "red fox")).toBe("Red Fox");
    expect(locateText(prompt, "snow. lit by")).toBe("snow.  Lit by");
    expect(locateText(prompt, "a wolf")).toBeUndefined();
    expect(
      resolveParts(
        { subject: "a red fox", lighting: "warm lamplight", palette: "amber", negative: "blurry", details: "" },
        prompt,
        "blurry, lowres",
      ),
    ).toEqual({ subject: "A Red Fox", lighting: "warm lamplight", negative: "blurry" });
  });
});
