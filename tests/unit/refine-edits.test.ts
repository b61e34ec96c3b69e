import { describe, expect, it } from "vitest";
import { refineOffline } from "@/lib/refine/offline";
import type { RefinedPrompt } from "@/lib/refine/types";
import type { Dialect } from "@/lib/schemas/common";
import { PART_NAMES, type PartName } from "@/lib/schemas/entities";

/**
 * Each kind of offline edit, seen through the prompt's anatomy: the parts it is about change,
 * every other part comes back exactly as it was, and the prompt says what was asked.
 */

function refineAgain(
  idea: string,
  instruction: string,
  dialect: Dialect,
): { parent: RefinedPrompt; next: RefinedPrompt } {
  const parent = refineOffline({ idea, dialect });
  const next = refineOffline({
    idea,
    dialect,
    instruction,
    parent: { ...parent, negativePrompt: parent.negativePrompt ?? null, style: null, dialect },
  });
  return { parent, next };
}

type Case = {
  kind: string;
  idea: string;
  instruction: string;
  /** Parts that must differ from the parent's. */
  changes: PartName[];
  /** Parts that may differ too (a season's palette follows the season). */
  mayChange?: PartName[];
  /** What the new prompt must say, and must no longer say. */
  says?: RegExp;
  not?: RegExp;
};

const CASES: Case[] = [
  {
    kind: "time of day",
    idea: "a fox in a meadow at golden hour",
    instruction: "make it night",
    changes: ["setting", "lighting"],
    mayChange: ["palette"],
    says: /\bnight\b.*moonlight|moonlight.*\bnight\b/s,
    not: /golden[- ]hour/,
  },
  {
    kind: "weather (added)",
    idea: "a fox in the snow, cozy",
    instruction: "add rain",
    changes: [],
    says: /\brain\b/,
  },
  {
    kind: "weather (replaced)",
    idea: "a street in the rain",
    instruction: "make it sunny",
    changes: ["setting", "lighting"],
    says: /clear/,
    not: /\brain\b|overcast/,
  },
  {
    kind: "season",
    idea: "a park bench in autumn",
    instruction: "make it winter",
    changes: ["setting"],
    mayChange: ["palette"],
    says: /\bwinter\b/,
    not: /\bautumn\b/,
  },
  {
    kind: "mood",
    idea: "a fox in the snow, cozy",
    instruction: "make it eerie",
    changes: ["lighting", "palette"],
    says: /eerie/i,
    not: /cozy|lamplight/i,
  },
  {
    kind: "style",
    idea: "a fox in the snow, cozy",
    instruction: "as an oil painting",
    changes: ["medium", "composition", "details"],
    mayChange: ["palette", "negative"],
    says: /oil painting on linen canvas/,
  },
  {
    kind: "framing",
    idea: "a fox in the snow, cozy",
    instruction: "close-up",
    changes: ["composition"],
    says: /close-up/,
  },
  {
    kind: "palette",
    idea: "a fox in the snow, cozy",
    instruction: "in blue tones",
    changes: ["palette"],
    says: /blue tones/,
    not: /amber and cream/,
  },
  {
    kind: "more detail",
    idea: "a fox in the snow, cozy",
    instruction: "more detail",
    changes: ["details"],
    says: /intricate fine detail/,
  },
  {
    kind: "less detail",
    idea: "a fox in the snow, cozy",
    instruction: "less detail",
    changes: ["details"],
    says: /simple clean shapes/i,
    not: /fine fur texture/,
  },
  {
    kind: "more of a mood word",
    idea: "a fox in the snow, cozy",
    instruction: "more cozy",
    changes: [],
    says: /deeply cozy|\(cozy:1\.3\)/i,
  },
  {
    kind: "add",
    idea: "a fox in the snow, cozy",
    instruction: "add a lantern",
    changes: [],
    says: /lantern/,
  },
  {
    kind: "remove",
    idea: "a fox and a rabbit in the snow",
    instruction: "remove the rabbit",
    changes: [],
    mayChange: ["subject", "setting", "negative"],
    not: /rabbit/,
  },
];

describe.each(["prose", "tags"] as const)(
  "offline edits in %s: each changes its part and keeps the rest",
  (dialect) => {
    it.each(CASES)("$kind: $instruction", (c) => {
      const { parent, next } = refineAgain(c.idea, c.instruction, dialect);
      expect(next.prompt).not.toBe(parent.prompt);
      if (c.says) expect(next.prompt).toMatch(c.says);
      if (c.not) expect(next.prompt).not.toMatch(c.not);
      for (const name of c.changes) {
        expect(next.parts[name], `${name} should change`).not.toBe(parent.parts[name]);
      }
      for (const name of PART_NAMES) {
        if (c.changes.includes(name) || c.mayChange?.includes(name)) continue;
        expect(next.parts[name], `${name} should be kept`).toBe(parent.parts[name]);
      }
      // Every kept part is still in the prompt, word for word.
      for (const name of PART_NAMES) {
        const text = next.parts[name];
        if (text && name !== "negative") expect(next.prompt).toContain(text);
      }
    });
  },
);

describe("offline edits: the changed part is the one asked for", () => {
  it("a new time of day relights the scene", () => {
    const { next } = refineAgain("a fox in a meadow at golden hour", "make it night", "prose");
    expect(next.parts.lighting).toMatch(/moonlight/);
    expect(next.parts.setting).toBe("in a meadow at night");
  });

  it("a restyle's medium, camera and finish come from the new preset", () => {
    const { next } = refineAgain("a fox in the snow, cozy", "as an oil painting", "prose");
    expect(next.parts.medium).toBe("a traditional oil painting on linen canvas");
    expect(next.parts.composition).toBe("classical composition with a strong painterly focal point");
    expect(next.parts.details).toMatch(/impasto brushstrokes/);
  });

  it("remove takes the thing out of the part that held it, and into the negative prompt in tags", () => {
    const prose = refineAgain("a fox and a rabbit in the snow", "remove the rabbit", "prose");
    expect(prose.parent.parts.subject).toBe("A red fox and a rabbit");
    expect(prose.next.parts.subject).toBe("A red fox");
    const tags = refineAgain("a fox and a rabbit in the snow", "remove the rabbit", "tags");
    expect(tags.next.negativePrompt?.split(", ")[0]).toBe("rabbit");
  });
});
