import { describe, expect, it } from "vitest";
import { candidateDirections } from "@/lib/refine/directions";
import { refineOffline } from "@/lib/refine/offline";
import type { CandidateDirection, RefinedPrompt } from "@/lib/refine/types";
import type { Dialect } from "@/lib/schemas/common";
import type { PartName } from "@/lib/schemas/entities";
import type { StyleId } from "@/lib/schemas/styles";

/**
 * Issue 16 §2 and §5: follow-up instructions to the offline refiner, reproduced the way a
 * person gets there. Each idea is refined first, then the instructions are applied one after
 * another to the version before, as the studio chains versions.
 */

type Opts = { dialect?: Dialect; style?: StyleId | null; locks?: PartName[]; direction?: CandidateDirection };

function firstVersion(idea: string, opts: Opts = {}): RefinedPrompt {
  return refineOffline({ idea, dialect: opts.dialect ?? "prose", style: opts.style ?? null });
}

function followUp(idea: string, parent: RefinedPrompt, instruction: string | undefined, opts: Opts = {}) {
  const dialect = opts.dialect ?? "prose";
  const style = opts.style ?? null;
  return refineOffline({
    idea,
    dialect,
    instruction,
    style,
    locks: opts.locks,
    direction: opts.direction,
    parent: {
      prompt: parent.prompt,
      negativePrompt: parent.negativePrompt ?? null,
      style,
      dialect,
      parts: parent.parts,
    },
  });
}

/** v1, then one version per instruction. */
function chain(idea: string, instructions: readonly string[], opts: Opts = {}): RefinedPrompt[] {
  const versions = [firstVersion(idea, opts)];
  for (const instruction of instructions) {
    versions.push(followUp(idea, versions[versions.length - 1] as RefinedPrompt, instruction, opts));
  }
  return versions;
}

const COLOURS = "black|white|red|orange|grey|gray|blue|green|yellow|brown|pink|purple|golden";

/**
 * Pieces of broken text: a glue word left before punctuation ("a curl of, …"), a measure with
 * nothing measured ("a curl of over"), or a colour with no thing ("with a black at golden hour").
 */
function fragments(prompt: string): string[] {
  const patterns = [
    /\b(?:of|with|a|an|the|in|on|at|over|from|and)\s*[,.]/gi,
    /\b(?:curl|wisp|plume|cloud|trail|drift|blanket|dusting)s? of (?:over|under|on|in|at|from|with|rising|drifting)\b/gi,
    new RegExp(`\\bwith an? (?:${COLOURS})(?=[,.]| at\\b| in\\b)`, "gi"),
  ];
  return patterns.flatMap((p) => prompt.match(p) ?? []);
}

describe("remove X takes what depends on X, leaving whole sentences (issue 16 §2)", () => {
  const idea = "coffee on a marble counter, morning";

  it("remove the steam takes the whole curl of steam, not just the word", () => {
    for (const dialect of ["prose", "tags"] as const) {
      const [v1, v2] = chain(idea, ["remove the steam"], { dialect }) as [RefinedPrompt, RefinedPrompt];
      expect(v1.prompt, dialect).toMatch(/curl of steam/);
      expect(v2.prompt, dialect).not.toMatch(/steam/i);
      expect(v2.prompt, dialect).not.toMatch(/curl of/);
      expect(fragments(v2.prompt), dialect).toEqual([]);
      expect(v2.prompt, dialect).toMatch(/coffee/i);
      expect(v2.prompt, dialect).toMatch(/marble counter/);
      expect(v2.notes.join(" "), dialect).toMatch(/Removed "steam" from "(?:a )?curl of steam over a glossy crema"/);
      if (dialect === "tags") expect(v2.negativePrompt?.split(", ")).toContain("steam");
    }
  });

  it("keeps the rest of a clause that only mentioned it: 'with steam rising' goes, the cup stays", () => {
    const [, v2] = chain("a cup of espresso with steam rising, on a marble counter", ["remove the steam"]);
    expect(v2?.prompt).toMatch(/^A cup of espresso on a marble counter\./);
    expect(v2?.prompt).not.toMatch(/steam|rising/i);
    expect(fragments(v2?.prompt ?? "")).toEqual([]);
  });

  it("a bad fragment is never carried into later versions", () => {
    const versions = chain(idea, ["remove the steam", "make it warmer", "add a croissant", "make it night"]);
    for (const v of versions.slice(1)) {
      expect(v.prompt).not.toMatch(/steam|curl of/i);
      expect(fragments(v.prompt)).toEqual([]);
    }
    const last = versions[versions.length - 1] as RefinedPrompt;
    expect(last.prompt).toMatch(/croissant/);
    expect(last.prompt).toMatch(/amber and gold/);
  });

  it("remove the snow also takes its powder drifts, snowflakes and snowy words", () => {
    for (const dialect of ["prose", "tags"] as const) {
      const [v1, v2] = chain("a fox in the snow, cozy", ["remove the snow"], { dialect }) as [
        RefinedPrompt,
        RefinedPrompt,
      ];
      expect(v1.prompt, dialect).toMatch(/powder drifts/);
      expect(v2.prompt, dialect).not.toMatch(/snow|powder|drifts/i);
      expect(v2.prompt, dialect).toMatch(/fox/);
      expect(v2.prompt, dialect).toMatch(/cozy/i);
      expect(fragments(v2.prompt), dialect).toEqual([]);
      expect(v2.notes.join(" "), dialect).toMatch(/what came with it \("powder drifts"\)/);
    }
    const [, snowy] = chain("a cabin in a snowy forest", ["remove the snow"]);
    expect(snowy?.prompt).not.toMatch(/snow/i);
    expect(snowy?.prompt).toMatch(/^A log cabin in a forest/);

    const [, falling] = chain("a bench in a park, snowflakes falling", ["remove the snow"]);
    expect(falling?.prompt).not.toMatch(/snow|flakes|falling/i);
    expect(falling?.prompt).toMatch(/bench/);
    expect(fragments(falling?.prompt ?? "")).toEqual([]);
  });
});

describe("remove the subject takes the detail that described it", () => {
  it("remove the fox leaves no bushy tail behind, in prose and tags", () => {
    for (const dialect of ["prose", "tags"] as const) {
      const [v1, v2] = chain("a fox and a rabbit in the snow", ["remove the fox"], { dialect }) as [
        RefinedPrompt,
        RefinedPrompt,
      ];
      expect(v1.prompt, dialect).toMatch(/bushy tail/);
      expect(v2.prompt, dialect).not.toMatch(/fox|bushy tail|amber eyes/);
      expect(v2.prompt, dialect).toMatch(/rabbit in the snow/i);
      expect(fragments(v2.prompt), dialect).toEqual([]);
    }
  });

  it("but keeps it when the fox stays in a locked subject", () => {
    const [v1, v2] = chain("a fox and a rabbit in the snow", ["remove the fox"], { locks: ["subject"] });
    expect(v1?.prompt).toMatch(/bushy tail/);
    expect(v2?.prompt).toMatch(/fox/);
    expect(v2?.prompt).toMatch(/bushy tail/);
    expect(v2?.notes.join(" ")).toMatch(/"fox" is in the locked subject/);
  });
});

describe("an instruction aimed at a locked part is declined, and the text is unchanged", () => {
  const cases = [
    { idea: "three cats sitting on a windowsill, one orange, two grey", instruction: "make the cats black" },
    { idea: "a red fox in the forest", instruction: "make the fox white" },
  ];

  it.each(cases)("$instruction with the Subject locked", ({ idea, instruction }) => {
    for (const dialect of ["prose", "tags"] as const) {
      const [v1, v2] = chain(idea, [instruction], { dialect, locks: ["subject"] }) as [RefinedPrompt, RefinedPrompt];
      expect(v2.prompt, dialect).toBe(v1.prompt);
      expect(fragments(v2.prompt), dialect).toEqual([]);
      const target = instruction.replace(/^make /, "making ");
      expect(v2.notes.join(" "), dialect).toContain(
        `The subject is locked, so it was kept word for word instead of ${target}.`,
      );
    }
  });

  it("give the fox a scarf is declined too when the fox is in the locked subject", () => {
    const [v1, v2] = chain("a red fox in the forest", ["give the fox a scarf"], { locks: ["subject"] });
    expect(v2?.prompt).toBe(v1?.prompt);
    expect(v2?.notes.join(" ")).toMatch(/subject is locked, so it was kept word for word instead of applying/);
  });
});

describe("recolouring a thing replaces its colour (no lock)", () => {
  it("make the cats black recolours the cats and drops the colours it contradicts", () => {
    for (const dialect of ["prose", "tags"] as const) {
      const [v1, v2] = chain("three cats sitting on a windowsill, one orange, two grey", ["make the cats black"], {
        dialect,
      }) as [RefinedPrompt, RefinedPrompt];
      expect(v1.prompt, dialect).toMatch(/one orange/);
      expect(v2.prompt, dialect).toMatch(/three (?:\w+ )?black cats/i);
      expect(v2.prompt, dialect).not.toMatch(/one orange|two grey/);
      expect(v2.prompt, dialect).not.toMatch(/with a black/);
      expect(v2.prompt, dialect).toMatch(/windowsill/);
      expect(v2.notes.join(" "), dialect).toMatch(/Made the cats black, replacing "one orange", "two grey"/);
    }
  });

  it("make the fox white gives a white fox, not a red fox with a white tail", () => {
    for (const dialect of ["prose", "tags"] as const) {
      const [, v2] = chain("a red fox in the forest", ["make the fox white"], { dialect });
      expect(v2?.prompt, dialect).toMatch(/^\(?A? ?white fox/i);
      expect(v2?.prompt, dialect).not.toMatch(/red fox|with a white/);
      expect(v2?.notes.join(" "), dialect).toMatch(/Made the fox white, replacing "red"/);
    }
  });

  it("finds the thing by another name or phrasing: the background, the colour of the fox", () => {
    const [, backdrop] = chain("product shot of a pour-over dripper, seamless beige backdrop", [
      "make the background white",
    ]);
    expect(backdrop?.prompt).toMatch(/seamless white backdrop/);
    expect(backdrop?.prompt).not.toMatch(/beige/);
    const [, fox] = chain("a red fox in the forest", ["change the color of the fox to white"]);
    expect(fox?.prompt).toMatch(/^A white fox in the forest/);
  });

  it("a thing that is not in the prompt is declined with a note, not spliced in", () => {
    const [v1, v2] = chain("a red fox in the forest", ["make the owl white"]);
    expect(v2?.prompt).toBe(v1?.prompt);
    expect(v2?.notes.join(" ")).toMatch(/Found no "owl" in the prompt to make white, so nothing was changed/);
  });
});

describe("an instruction the engine cannot apply is declined, never spliced in", () => {
  it("make the fox fluffy leaves the text as it was and says so", () => {
    const [v1, v2] = chain("a red fox in the forest", ["make the fox fluffy"]);
    expect(v2?.prompt).toBe(v1?.prompt);
    expect(v2?.prompt).not.toMatch(/with a fluffy/);
    expect(v2?.notes.join(" ")).toMatch(/Could not apply "make the fox fluffy"/);
    const [, it] = chain("a fox in the snow, cozy", ["make it fluffy"], { dialect: "tags" });
    expect(it?.prompt).not.toMatch(/fluffy/);
    expect(it?.notes.join(" ")).toMatch(/Could not apply "make it fluffy"/);
  });

  it("a thing to add is still woven in whole", () => {
    const [, v2] = chain("a fox in the snow, cozy", ["give the fox a tiny red scarf"]);
    expect(v2?.prompt).toMatch(/^A (?:red )?fox in the snow, with a tiny red scarf,/);
    expect(fragments(v2?.prompt ?? "")).toEqual([]);
  });
});

describe("make it night indoors (issue 16 §2)", () => {
  it.each(["a still life of pears and a jug on a table", "a vase of tulips on a windowsill"])(
    "%s: window light becomes lamplight, and no sky is added",
    (idea) => {
      for (const dialect of ["prose", "tags"] as const) {
        const [v1, v2] = chain(idea, ["make it night"], { dialect }) as [RefinedPrompt, RefinedPrompt];
        expect(v1.prompt, dialect).toMatch(/window light/);
        expect(v2.prompt, dialect).not.toMatch(/window light/);
        expect(v2.prompt, dialect).not.toMatch(/sky|stars|moonlight/);
        expect(v2.prompt, dialect).toMatch(/lamplight|candlelight/);
        expect(v2.prompt, dialect).toMatch(/night/);
        expect(v2.notes.join(" "), dialect).toMatch(/replaced "[^"]*window light[^"]*"/);
      }
    },
  );

  it("an outdoor scene still gets its moonlit sky", () => {
    const [, v2] = chain("a red fox in the forest", ["make it night"]);
    expect(v2?.prompt).toMatch(/moonlight/);
    expect(v2?.prompt).not.toMatch(/natural light/);
  });
});

describe('the "unexpected composition" candidate keeps no framing that contradicts it (issue 16 §5)', () => {
  const unexpected = candidateDirections(4).find((d) => d.id === "unexpected-camera") as CandidateDirection;

  it("asks chat models to replace the old framing too", () => {
    expect(unexpected.brief).toMatch(/keep no framing that contradicts the new one/);
  });

  it("drops a tight close-up when it takes a bird's-eye view", () => {
    const idea = "a fox in the snow, cozy";
    const style = "cinematic-photo" as const;
    const v1 = firstVersion(idea, { style });
    // A version whose prose opens on its own shot type, as a chat model or a person writes it.
    const closeUp = { ...v1, prompt: `Tight close-up of ${v1.prompt.replace(/^A /, "a ")}`, parts: {} };
    const candidate = followUp(idea, closeUp, undefined, { style, direction: unexpected });
    expect(candidate.prompt).toMatch(/bird's-eye/);
    expect(candidate.prompt).not.toMatch(/close-up/i);
    expect(candidate.prompt).toMatch(/^A (?:red )?fox in the snow/);
    expect(candidate.notes.join(" ")).toMatch(/Took it bolder: an unexpected composition/);
  });

  it("drops a portrait tag when it takes another angle, in tags", () => {
    const idea = "a fox in the snow, cozy";
    const style = "film-noir" as const;
    const [, portrait] = chain(idea, ["portrait"], { dialect: "tags", style });
    expect(portrait?.prompt).toMatch(/\(portrait:1\.2\)/);
    const candidate = followUp(idea, portrait as RefinedPrompt, undefined, {
      dialect: "tags",
      style,
      direction: unexpected,
    });
    expect(candidate.prompt).toMatch(/worm's-eye/);
    expect(candidate.prompt).not.toMatch(/portrait|85mm/);
  });

  it("never pairs a close-up with a bird's-eye or worm's-eye view, over many ideas and follow-ups", () => {
    const ideas = [
      "a fox in the snow, cozy",
      "a cup of coffee on a wooden table",
      "a knight in armor",
      "an owl on a branch",
    ];
    const wideAngles = /bird's-eye|worm's-eye|small in a vast frame/;
    let checked = 0;
    for (const idea of ideas) {
      for (const dialect of ["prose", "tags"] as const) {
        for (const style of [null, "cinematic-photo", "watercolor", "film-noir"] as const) {
          for (const before of ["close-up", "macro", "portrait"]) {
            const [, framed] = chain(idea, [before], { dialect, style });
            const candidate = followUp(idea, framed as RefinedPrompt, undefined, {
              dialect,
              style,
              direction: unexpected,
            });
            if (!wideAngles.test(candidate.prompt)) continue;
            checked++;
            expect(candidate.prompt, `${idea} ${dialect} ${style} ${before}`).not.toMatch(
              /close-up|closeup|macro|\(portrait|portrait framing|head-and-shoulders/,
            );
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
