import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { enforceLocks } from "@/lib/refine/locks";
import { refineOffline } from "@/lib/refine/offline";
import type { RefinedPrompt, RefineInput } from "@/lib/refine/types";
import type { Dialect } from "@/lib/schemas/common";
import { PART_NAMES, type PartName } from "@/lib/schemas/entities";
import { STYLE_IDS, type StyleId } from "@/lib/schemas/styles";

const refined = (over: Partial<RefinedPrompt>): RefinedPrompt => ({
  prompt: "",
  title: "T",
  notes: [],
  model: "m",
  parts: {},
  ...over,
});

describe("enforceLocks", () => {
  const parentParts = {
    subject: "A red fox",
    lighting: "warm low lamplight with soft falloff",
    medium: "a watercolor painting",
    negative: "blurry, lowres",
  };

  it("changes nothing when the locked text is already there", () => {
    const r = refined({
      prompt: "A red fox in the snow. Lit by warm low lamplight with soft falloff.",
      parts: { subject: "A red fox", lighting: "warm low lamplight with soft falloff" },
    });
    const out = enforceLocks(r, parentParts, ["subject", "lighting"]);
    expect(out.prompt).toBe(r.prompt);
    expect(out.notes).toEqual([]);
    expect(out.parts.lighting).toBe("warm low lamplight with soft falloff");
  });

  it("puts the locked text back where the model wrote its own version of that part", () => {
    const r = refined({
      prompt: "A red fox in the snow. Lit by cold blue moonlight. A watercolor painting.",
      parts: { subject: "A red fox", lighting: "cold blue moonlight", medium: "A watercolor painting" },
    });
    const out = enforceLocks(r, parentParts, ["lighting"], "prose");
    expect(out.prompt).toBe(
      "A red fox in the snow. Lit by warm low lamplight with soft falloff. A watercolor painting.",
    );
    expect(out.parts.lighting).toBe(parentParts.lighting);
    expect(out.parts.subject).toBe("A red fox");
    expect(out.notes).toEqual([`Restored the locked lighting word for word: "${parentParts.lighting}".`]);
  });

  it("fixes a locked part the model only re-cased", () => {
    const r = refined({ prompt: "a RED FOX in the snow.", parts: { subject: "a RED FOX" } });
    const out = enforceLocks(r, parentParts, ["subject"], "prose");
    expect(out.prompt).toBe("A red fox in the snow.");
    expect(out.parts.subject).toBe("A red fox");
  });

  it("inserts a locked part the prompt lost, where that part belongs in each dialect", () => {
    const prose = enforceLocks(refined({ prompt: "A fox in the snow. Lit by moonlight." }), parentParts, [
      "lighting",
      "subject",
    ]);
    expect(prose.prompt).toBe("A red fox. A fox in the snow. Lit by moonlight, warm low lamplight with soft falloff.");
    const tags = enforceLocks(
      refined({ prompt: "(fox:1.2), snow, moonlight", negativePrompt: "text" }),
      { subject: "(red fox:1.2)", setting: "in the snow", negative: "blurry, lowres" },
      ["subject", "setting", "negative"],
      "tags",
    );
    // The subject goes first, the setting right after the first tag (the subject, by then).
    expect(tags.prompt).toBe("(red fox:1.2), in the snow, (fox:1.2), snow, moonlight");
    expect(tags.negativePrompt).toBe("blurry, lowres, text");
    expect(tags.parts).toMatchObject({ subject: "(red fox:1.2)", setting: "in the snow", negative: "blurry, lowres" });
    expect(tags.notes).toHaveLength(3);
  });

  it("drops weight syntax from a locked tag when the prompt is prose", () => {
    const out = enforceLocks(
      refined({ prompt: "A fox in the snow." }),
      { subject: "(red fox:1.2)" },
      ["subject"],
      "prose",
    );
    expect(out.prompt).toBe("red fox. A fox in the snow.");
    expect(out.parts.subject).toBe("red fox");
  });

  it("ignores locks without parent parts, and parts that are no longer in the prompt", () => {
    const r = refined({ prompt: "A fox.", parts: { subject: "A fox" } });
    expect(enforceLocks(r, null, ["subject"])).toBe(r);
    const out = enforceLocks(
      refined({ prompt: "A fox. Moonlight.", parts: { subject: "A fox", palette: "amber" } }),
      { lighting: "warm light" },
      ["lighting"],
    );
    expect(out.parts).toEqual({ subject: "A fox", lighting: "warm light" });
  });
});

/** A parent version as the studio stores it, from a first refinement. */
function versionOf(r: RefinedPrompt, style: StyleId | null, dialect: Dialect): NonNullable<RefineInput["parent"]> {
  return { prompt: r.prompt, negativePrompt: r.negativePrompt ?? null, style, dialect, parts: r.parts };
}

function occurrences(text: string, part: string): number {
  return text.toLowerCase().split(part.toLowerCase()).length - 1;
}

function expectLocksKept(parent: RefinedPrompt, child: RefinedPrompt, locks: readonly PartName[], label: string) {
  for (const name of locks) {
    const text = parent.parts[name];
    if (!text) continue;
    expect(child.parts[name], `${label}: ${name}`).toBe(text);
    const home = name === "negative" ? child.negativePrompt : child.prompt;
    expect(home?.includes(text), `${label}: ${name} "${text}" missing from ${home}`).toBe(true);
  }
}

describe("offline refiner: locked parts survive word for word", () => {
  it("keeps a locked lighting through an instruction aimed at it, and says why", () => {
    const idea = "a fox in a meadow at golden hour";
    const parent = refineOffline({ idea, dialect: "prose" });
    const child = refineOffline({
      idea,
      dialect: "prose",
      instruction: "make it night",
      parent: versionOf(parent, null, "prose"),
      locks: ["lighting"],
    });
    expect(child.prompt).toBe(parent.prompt);
    expect(child.parts.lighting).toBe(parent.parts.lighting);
    expect(child.notes.join(" ")).toMatch(/lighting is locked/);
  });

  it("changes what is not locked and keeps what is, in one follow-up", () => {
    const idea = "a fox in the snow, cozy";
    const parent = refineOffline({ idea, dialect: "prose", style: "watercolor" });
    const child = refineOffline({
      idea,
      dialect: "prose",
      instruction: "close-up, in blue tones",
      parent: versionOf(parent, "watercolor", "prose"),
      locks: ["medium", "palette"],
    });
    expect(child.parts.composition).toMatch(/close-up/);
    expect(child.parts.composition).not.toBe(parent.parts.composition);
    expectLocksKept(parent, child, ["medium", "palette"], "close-up");
    expect(child.prompt).not.toMatch(/blue tones/);
    expect(child.notes.join(" ")).toMatch(/palette is locked/);
  });

  it("declines a time of day that a locked setting contradicts", () => {
    const idea = "a lighthouse on a cliff at dusk";
    const parent = refineOffline({ idea, dialect: "prose" });
    const child = refineOffline({
      idea,
      dialect: "prose",
      instruction: "make it night",
      parent: versionOf(parent, null, "prose"),
      locks: ["setting"],
    });
    expect(child.parts.setting).toBe("on a cliff at dusk");
    expect(child.prompt).not.toMatch(/\bnight\b/);
    expect(child.notes.join(" ")).toMatch(/setting is locked and says "on a cliff at dusk"/);
  });

  it("keeps a locked subject when asked to remove part of it", () => {
    const idea = "a fox and a rabbit in the snow";
    const parent = refineOffline({ idea, dialect: "tags" });
    const child = refineOffline({
      idea,
      dialect: "tags",
      instruction: "remove the fox",
      parent: versionOf(parent, null, "tags"),
      locks: ["subject"],
    });
    expectLocksKept(parent, child, ["subject"], "remove");
    expect(child.notes.join(" ")).toMatch(/"fox" is in the locked subject/);
  });

  it("restyles around locked parts", () => {
    for (const dialect of ["prose", "tags"] as const) {
      const idea = "an old fisherman mending nets on a pier";
      const parent = refineOffline({ idea, dialect, style: "cinematic-photo" });
      const child = refineOffline({
        idea,
        dialect,
        style: "woodblock-print",
        parent: versionOf(parent, "cinematic-photo", dialect),
        locks: ["lighting", "negative"],
      });
      expect(child.prompt).toContain("ukiyo-e woodblock print");
      expectLocksKept(parent, child, ["lighting", "negative"], dialect);
      if (dialect === "tags") expect(child.negativePrompt).toBe(parent.negativePrompt);
    }
  });

  it("keeps any set of locked parts through any follow-up, restyle or direction (property)", () => {
    const ideas = [
      "a lighthouse on a cliff at dusk",
      "a fox in the snow, cozy",
      "a cyberpunk street at night, rain",
      "portrait of an old fisherman; weathered, stoic",
      "a tiny robot watering plants on Mars",
      "a park bench in autumn",
    ];
    const instructions = [
      "make it night",
      "at sunset",
      "add rain",
      "make it sunny",
      "make it winter",
      "make it eerie",
      "as an oil painting",
      "make it anime",
      "close-up",
      "wide shot",
      "in blue tones",
      "black and white",
      "more detail",
      "less detail",
      "more cozy",
      "add a lantern",
      "remove the snow",
      "without the fox",
      "give it a tiny red scarf",
      "make it night and add fog, close-up",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...ideas),
        fc.constantFrom("prose" as const, "tags" as const),
        fc.constantFrom(null, ...STYLE_IDS),
        fc.option(fc.constantFrom(...STYLE_IDS), { nil: undefined }),
        fc.option(fc.constantFrom(...instructions), { nil: undefined }),
        fc.subarray([...PART_NAMES], { minLength: 1 }),
        fc.constantFrom(undefined, "dramatic-light", "unexpected-camera", "reimagined-medium"),
        (idea, dialect, style, restyle, instruction, locks, directionId) => {
          const parent = refineOffline({ idea, dialect, style });
          const child = refineOffline({
            idea,
            dialect,
            style: restyle ?? style,
            instruction,
            locks,
            direction: directionId ? { id: directionId, label: directionId, brief: "" } : undefined,
            parent: versionOf(parent, style, dialect),
          });
          const label = `${dialect} ${style}→${restyle} "${instruction}" [${locks}] ${idea}`;
          expectLocksKept(parent, child, locks, label);
          // The edits left the locked words alone: none had to be inserted again beside a paraphrase.
          for (const name of locks) {
            const text = parent.parts[name];
            const home = name === "negative" ? (child.negativePrompt ?? "") : child.prompt;
            const before = name === "negative" ? (parent.negativePrompt ?? "") : parent.prompt;
            if (text)
              expect(occurrences(home, text), `${label}: ${name} repeated`).toBeLessThanOrEqual(
                occurrences(before, text),
              );
          }
        },
      ),
      { numRuns: 150, seed: 99 },
    );
  }, 120_000);

  it("keeps locks through a chain of refinements (children inherit them)", () => {
    const idea = "a fox in the snow, cozy";
    let version = versionOf(refineOffline({ idea, dialect: "prose" }), null, "prose");
    const first = version.parts;
    for (const instruction of ["make it night", "as an oil painting", "close-up", "add rain", "in blue tones"]) {
      const next = refineOffline({
        idea,
        dialect: "prose",
        instruction,
        parent: version,
        locks: ["subject", "setting"],
      });
      version = versionOf(next, null, "prose");
    }
    expect(version.parts?.subject).toBe(first?.subject);
    expect(version.parts?.setting).toBe(first?.setting);
    expect(version.prompt.startsWith(`${first?.subject} ${first?.setting}`)).toBe(true);
  });
});
