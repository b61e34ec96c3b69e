import { describe, expect, it } from "vitest";
import { candidateDirections } from "@/lib/refine/directions";
import { refineOffline } from "@/lib/refine/offline";
import type { RefineInput } from "@/lib/refine/types";
import { STYLE_IDS, type StyleId } from "@/lib/schemas/styles";

// The test's own idea of a content word, independent of the refiner's list.
const STOP = new Set("a an the and or of in on at to by for with from into over under is are it its".split(" "));
function missingWords(idea: string, prompt: string): string[] {
  const words = (idea.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).filter((w) => !STOP.has(w.toLowerCase()));
  return words.filter((w) => !new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, "iu").test(prompt));
}

describe("candidateDirections", () => {
  it("starts with Faithful, then distinct bolder directions", () => {
    const all = candidateDirections(4);
    expect(all.map((d) => d.id)).toEqual(["faithful", "dramatic-light", "unexpected-camera", "reimagined-medium"]);
    expect(all[0]?.label).toBe("Faithful");
    for (const d of all.slice(1)) expect(d.label).toMatch(/^Bolder: /);
    expect(new Set(all.map((d) => d.brief)).size).toBe(4);
    for (const d of all) expect(d.brief.length).toBeGreaterThan(40);
  });

  it("gives n of them, from 1 to 4", () => {
    expect(candidateDirections(1).map((d) => d.id)).toEqual(["faithful"]);
    expect(candidateDirections(2)).toHaveLength(2);
    expect(candidateDirections(0)).toHaveLength(1);
    expect(candidateDirections(9)).toHaveLength(4);
    // Copies: a caller changing one does not change the next caller's.
    const first = candidateDirections(1)[0];
    if (first) first.label = "changed";
    expect(candidateDirections(1)[0]?.label).toBe("Faithful");
  });
});

const IDEAS = [
  "a lighthouse on a cliff at dusk",
  "a fox in the snow, cozy",
  "portrait of an old fisherman; weathered, stoic",
  "a cyberpunk street at night, rain",
  "a watercolor of a cat asleep on a windowsill",
  "close-up of a dragon's eye, eerie",
  "a tiny robot watering plants on Mars",
];

function candidates(input: Omit<RefineInput, "direction">, n = 4) {
  return candidateDirections(n).map((direction) => refineOffline({ ...input, direction }));
}

describe("offline candidates for a new idea", () => {
  it.each(IDEAS)("differ from each other and keep every word of %j", (idea) => {
    for (const dialect of ["prose", "tags"] as const) {
      for (const style of [null, "watercolor", "film-noir"] as (StyleId | null)[]) {
        const four = candidates({ idea, dialect, style });
        const prompts = four.map((c) => c.prompt);
        expect(new Set(prompts).size, `${dialect} ${style}`).toBe(4);
        for (const c of four) expect(missingWords(idea, c.prompt), `${dialect} ${style}`).toEqual([]);
      }
    }
  });

  it("the faithful one is the plain refinement, and each bold one says what it did", () => {
    const input = { idea: "a lighthouse on a cliff at dusk", dialect: "prose" as const, style: null };
    const [faithful, light, camera, medium] = candidates(input);
    expect(faithful).toEqual(refineOffline(input));
    expect(light?.notes.join(" ")).toMatch(/Took it bolder: dramatic light/);
    expect(light?.parts.palette).not.toBe(faithful?.parts.palette);
    expect(camera?.parts.composition).not.toBe(faithful?.parts.composition);
    expect(camera?.parts.medium).toBe(faithful?.parts.medium);
    expect(medium?.parts.medium).not.toBe(faithful?.parts.medium);
    expect(medium?.parts.subject).toBe(faithful?.parts.subject);
    expect(medium?.parts.setting).toBe(faithful?.parts.setting);
  });

  it("is deterministic", () => {
    for (const style of STYLE_IDS) {
      const input = { idea: "a fox in the snow, cozy", dialect: "tags" as const, style };
      expect(candidates(input)).toEqual(candidates(input));
    }
  });

  it("falls back to another bold change when the idea fixes the one asked for", () => {
    // The idea names its medium, so it cannot be reimagined in another; it still differs.
    const [faithful, , , medium] = candidates({ idea: "a watercolor of a cat", dialect: "prose", style: null });
    expect(medium?.prompt).not.toBe(faithful?.prompt);
    expect(medium?.prompt).toMatch(/watercolor/);
    expect(medium?.prompt).not.toMatch(/woodblock|claymation|charcoal|film noir|pixel|comic|low-poly/);
  });
});

describe("offline candidates for a further refinement", () => {
  it("all carry out the instruction, differ otherwise, and keep locked parts", () => {
    for (const dialect of ["prose", "tags"] as const) {
      const idea = "a fox in the snow, cozy";
      const parent = refineOffline({ idea, dialect });
      const four = candidates({
        idea,
        dialect,
        instruction: "make it night",
        locks: ["subject"],
        parent: { ...parent, negativePrompt: parent.negativePrompt ?? null, style: null, dialect },
      });
      expect(new Set(four.map((c) => c.prompt)).size, dialect).toBe(4);
      for (const c of four) {
        expect(c.prompt, dialect).toMatch(/\bnight\b/);
        expect(c.parts.subject).toBe(parent.parts.subject);
        expect(missingWords(idea, c.prompt)).toEqual([]);
      }
    }
  });

  it("do not undo what the instruction asked for", () => {
    const idea = "a lighthouse on a cliff at dusk";
    const parent = refineOffline({ idea, dialect: "prose" });
    const [, light, camera, medium] = candidates({
      idea,
      dialect: "prose",
      instruction: "in blue tones, close-up, as an oil painting",
      parent: { ...parent, negativePrompt: null, style: null, dialect: "prose" },
    });
    // Palette, framing and medium were all asked for; the bold candidates change something else.
    for (const c of [light, camera, medium]) {
      expect(c?.prompt).toMatch(/blue tones/);
      expect(c?.prompt).toMatch(/close-up/);
      expect(c?.prompt).toMatch(/oil painting/);
    }
    expect(light?.parts.lighting).toMatch(/rim light|shadows|rays/);
  });
});
