import { describe, expect, it } from "vitest";
import { refineOffline } from "@/lib/refine/offline";
import type { RefinedPrompt, RefineInput } from "@/lib/refine/types";
import type { Dialect } from "@/lib/schemas/common";
import type { StyleId } from "@/lib/schemas/styles";

/** A first version, then the instruction applied to it, the way the studio chains them. */
function refineAgain(
  idea: string,
  instruction: string,
  opts: { dialect?: Dialect; style?: StyleId; parent?: RefinedPrompt; budget?: RefineInput["budget"] } = {},
) {
  const dialect = opts.dialect ?? "prose";
  const parent = opts.parent ?? refineOffline({ idea, dialect, style: opts.style ?? null });
  const next = refineOffline({
    idea,
    dialect,
    instruction,
    style: opts.style ?? null,
    budget: opts.budget,
    parent: {
      prompt: parent.prompt,
      negativePrompt: parent.negativePrompt ?? null,
      style: opts.style ?? null,
      dialect,
      parts: parent.parts,
    },
  });
  return { parent, next };
}

function sentences(prompt: string): string[] {
  return prompt.split(/(?<=[.!?])\s+/);
}

const DAYLIGHT = /golden[- ]hour|sunset|sunlight|sunlit|daylight|midday|morning light/i;

describe("follow-up: time of day", () => {
  it("night replaces golden-hour light instead of sitting beside it", () => {
    const { parent, next } = refineAgain("a fox in a meadow at golden hour", "make it night");
    expect(parent.prompt).toMatch(DAYLIGHT);
    expect(next.prompt).not.toMatch(DAYLIGHT);
    expect(next.prompt).toMatch(/\bnight\b/);
    expect(next.prompt).toMatch(/moonlight/);
    expect(next.prompt).toMatch(/\bfox\b/);
    expect(next.prompt).toMatch(/\bmeadow\b/);
    expect(next.notes.some((n) => n.startsWith("Changed the time of day to night"))).toBe(true);
  });

  it("night replaces a style's daylight too", () => {
    const { parent, next } = refineAgain("a fox in the snow", "make it night", { style: "watercolor" });
    expect(parent.prompt).toMatch(/daylight/);
    expect(next.prompt).not.toMatch(/daylight/);
    expect(next.prompt).toContain("watercolor");
  });

  it("at sunset replaces night, in tags as well", () => {
    const { parent, next } = refineAgain("a cyberpunk street at night", "at sunset", { dialect: "tags" });
    expect(parent.prompt).toMatch(/\bnight\b/);
    expect(next.prompt).not.toMatch(/\bnight\b|moon/);
    expect(next.prompt).toMatch(/sunset/);
    expect(next.prompt).toMatch(/\(cyberpunk street at sunset:1\.2\)/);
  });

  it("adds a time and its light to a prompt that had none", () => {
    const { next } = refineAgain("a fox in the snow, cozy", "golden hour");
    expect(next.prompt).toMatch(/at golden hour/);
    expect(next.prompt).toMatch(/golden-hour sun/);
    expect(next.prompt).toMatch(/lamplight/);
  });
});

describe("follow-up: weather and season", () => {
  it("adds rain and keeps everything else", () => {
    const { parent, next } = refineAgain("a fox in the snow, cozy", "add rain");
    expect(next.prompt).toMatch(/\brain\b/);
    expect(sentences(next.prompt)[0]).toBe(sentences(parent.prompt)[0]);
    expect(sentences(next.prompt)[2]).toBe(sentences(parent.prompt)[2]);
  });

  it("clear weather takes out rain", () => {
    const { parent, next } = refineAgain("a street in the rain", "make it sunny");
    expect(parent.prompt).toMatch(/\brain\b/);
    expect(next.prompt).not.toMatch(/\brain\b/);
    expect(next.prompt).toMatch(/clear/);
  });

  it("foggy adds fog", () => {
    expect(refineAgain("a lake at dawn", "foggy").next.prompt).toMatch(/\bfog\b/);
  });

  it("a new season replaces the old one", () => {
    const { parent, next } = refineAgain("a park bench in autumn", "make it winter");
    expect(parent.prompt).toMatch(/autumn|amber leaves/);
    expect(next.prompt).not.toMatch(/autumn|fallen amber leaves/);
    expect(next.prompt).toMatch(/winter/);
    expect(next.prompt).toMatch(/\bbench\b/);
  });
});

describe("follow-up: mood, style, framing, colour", () => {
  it("a new mood replaces the old one's word, light and palette", () => {
    const { parent, next } = refineAgain("a fox in the snow, cozy", "make it eerie");
    expect(parent.prompt).toMatch(/cozy/i);
    expect(next.prompt).not.toMatch(/cozy|lamplight|amber and cream/i);
    expect(next.prompt).toMatch(/eerie/i);
    expect(next.prompt).toMatch(/teal/);
  });

  it("as a watercolor swaps the medium and takes the photo-only words away", () => {
    const { parent, next } = refineAgain("a fox in the snow", "as a watercolor", { style: "cinematic-photo" });
    expect(parent.prompt).toMatch(/35mm|film grain/);
    expect(next.prompt).toContain("loose watercolor painting on cold-press paper");
    expect(next.prompt).not.toMatch(/35mm|film grain|lens|film still/);
    expect(next.prompt).toMatch(/\bfox\b/);
  });

  it("make it anime swaps the medium in tags and the negative prompt follows", () => {
    const { parent, next } = refineAgain("a fox in the snow", "make it anime", {
      dialect: "tags",
      style: "cinematic-photo",
    });
    expect(parent.negativePrompt).toMatch(/cartoon/);
    expect(next.prompt).toMatch(/\(anime illustration with clean cel shading:1\.1\)/);
    expect(next.prompt).not.toMatch(/35mm|film grain/);
    expect(next.negativePrompt).not.toMatch(/cartoon, illustration/);
    expect(next.negativePrompt).toMatch(/western cartoon/);
    expect(next.negativePrompt).toMatch(/watermark/);
  });

  it("close-up replaces the framing and nothing else", () => {
    const { parent, next } = refineAgain("a fox in the snow, cozy", "close-up");
    expect(next.prompt).toMatch(/close-up/);
    expect(next.prompt).not.toMatch(/intimate close composition/);
    expect(sentences(next.prompt)[0]).toBe(sentences(parent.prompt)[0]);
    expect(sentences(next.prompt)[1]).toBe(sentences(parent.prompt)[1]);
  });

  it("wide shot replaces a close-up", () => {
    const first = refineAgain("a fox in the snow", "close-up").next;
    const { next } = refineAgain("a fox in the snow", "wide shot", { parent: first });
    expect(next.prompt).toMatch(/wide establishing shot/);
    expect(next.prompt).not.toMatch(/close-up/);
  });

  it("in blue tones replaces the palette", () => {
    const { next } = refineAgain("a fox in the snow, cozy", "in blue tones");
    expect(next.prompt).toMatch(/blue tones/);
    expect(next.prompt).not.toMatch(/amber and cream/);
  });

  it("a coloured thing is not a palette request", () => {
    const { next } = refineAgain("a fox in the snow, cozy", "give the fox a tiny red scarf");
    expect(next.prompt).toMatch(/amber and cream/);
    expect(next.prompt).toMatch(/tiny red scarf/);
    expect(next.notes.some((n) => n.startsWith("Did not recognise"))).toBe(true);
  });
});

describe("follow-up: more, less, remove, add", () => {
  it("more X raises a tag's weight", () => {
    const { parent, next } = refineAgain("a fox in the snow, cozy", "more cozy", { dialect: "tags" });
    expect(parent.prompt).toContain("(cozy:1.1)");
    expect(next.prompt).toContain("(cozy:1.3)");
  });

  it("less X lowers it, and less detail takes the finishing detail out", () => {
    expect(refineAgain("a fox in the snow, cozy", "less cozy", { dialect: "tags" }).next.prompt).toContain(
      "(cozy:0.9)",
    );
    const { parent, next } = refineAgain("a fox in the snow", "less detail");
    expect(parent.prompt).toMatch(/fine fur texture/);
    expect(next.prompt).not.toMatch(/fine fur texture/);
  });

  it("more cozy in prose emphasises the mood word", () => {
    expect(refineAgain("a fox in the snow, cozy", "more cozy").next.prompt).toMatch(/deeply cozy/i);
  });

  it("remove X takes X and its little words out", () => {
    const { next } = refineAgain("a fox in the snow, cozy", "remove the snow");
    expect(next.prompt).not.toMatch(/\bsnow\b/i);
    expect(next.prompt).toMatch(/^A red fox, /);
    expect(next.prompt).toMatch(/cozy/i);
  });

  it("without X in tags also puts X in the negative prompt", () => {
    const { next } = refineAgain("a fox and a rabbit in the snow", "without the rabbit", { dialect: "tags" });
    expect(next.prompt).not.toMatch(/rabbit/);
    expect(next.prompt).toMatch(/fox/);
    expect(next.negativePrompt?.split(", ")).toContain("rabbit");
  });

  it("add X weaves it in next to the subject", () => {
    const { next } = refineAgain("a fox in the snow, cozy", "add a lantern");
    expect(sentences(next.prompt)[0]).toMatch(/^A red fox in the snow, with a lantern/);
  });

  it("an unrecognised instruction is woven in and noted", () => {
    const { next } = refineAgain("a fox in the snow, cozy", "like a half-remembered dream");
    expect(next.prompt).toContain("like a half-remembered dream");
    expect(next.notes.join(" ")).toMatch(/Did not recognise "like a half-remembered dream"/);
  });

  it("applies several edits from one instruction and notes each", () => {
    const { next } = refineAgain("a fox in the snow, cozy", "make it night and add rain, close-up");
    expect(next.prompt).toMatch(/\bnight\b/);
    expect(next.prompt).toMatch(/\brain\b/);
    expect(next.prompt).toMatch(/close-up/);
    expect(next.notes.length).toBeGreaterThanOrEqual(3);
  });
});

describe("follow-up: the rest", () => {
  it("keeps the idea's words through an edit that does not target them", () => {
    for (const instruction of ["make it night", "as an oil painting", "in blue tones", "close-up", "make it eerie"]) {
      const { next } = refineAgain("an old fisherman mending nets on a pier", instruction);
      for (const word of ["old", "fisherman", "mending", "nets", "pier"])
        expect(next.prompt, instruction).toMatch(new RegExp(`\\b${word}\\b`));
    }
  });

  it("edits a chat model's prose it did not write", () => {
    const parent = {
      prompt:
        "A red fox sits in deep snow at golden hour, warm sunlight glowing on its fur. Shot on a 50mm lens with shallow depth of field, in warm amber tones.",
      negativePrompt: null,
      style: null,
      dialect: "prose" as const,
      parts: null,
    };
    const next = refineOffline({ idea: "a fox in the snow", dialect: "prose", instruction: "make it night", parent });
    expect(next.prompt).not.toMatch(/golden hour|sunlight/);
    expect(next.prompt).toMatch(/night/);
    expect(next.prompt).toMatch(/50mm lens/);
  });

  it("stays deterministic and within budget", () => {
    const input = () =>
      refineAgain("a fox in the snow, cozy", "make it night and add fog", {
        dialect: "tags",
        budget: { maxTokens: 77 },
      }).next;
    expect(input()).toEqual(input());
  });

  it("rewrites the parent in the other dialect when the backend changed", () => {
    const parent = refineOffline({ idea: "a fox in the snow, cozy", dialect: "prose" });
    const next = refineOffline({
      idea: "a fox in the snow, cozy",
      dialect: "tags",
      instruction: "make it night",
      parent: { prompt: parent.prompt, negativePrompt: null, style: null, dialect: "prose", parts: parent.parts },
    });
    expect(next.prompt).not.toMatch(/\.\s/);
    expect(next.prompt).toMatch(/night/);
    expect(next.negativePrompt).toMatch(/blurry/);
  });

  it("applies an instruction given with a brand-new idea", () => {
    const result = refineOffline({ idea: "a fox in the snow", dialect: "prose", instruction: "make it night" });
    expect(result.prompt).toMatch(/\bnight\b/);
    expect(result.notes.some((n) => n.startsWith("Kept every word of the idea"))).toBe(true);
  });
});
