import { describe, expect, it } from "vitest";
import { candidateDirections } from "@/lib/refine/directions";
import { refineOffline } from "@/lib/refine/offline";
import { parseTags } from "@/lib/refine/offline/tags";
import type { RefinedPrompt } from "@/lib/refine/types";
import type { Dialect } from "@/lib/schemas/common";
import type { StyleId } from "@/lib/schemas/styles";

/**
 * Issue 16 §2 and §3, the gaps left after the first round of follow-up fixes: a follow-up keeps
 * the idea's prompt syntax and quoted lettering as typed, weather indoors is seen through the
 * window, removing a thing takes the words that only described it, and a restyle never pairs
 * the palette asked for with a black-and-white one. Each idea is refined first, then the
 * instructions are applied one after another, as the studio chains versions.
 */

const DIALECTS = ["prose", "tags"] as const;

type Opts = { style?: StyleId | null; styles?: (StyleId | null)[] };

function chain(idea: string, instructions: readonly (string | undefined)[], dialect: Dialect, opts: Opts = {}) {
  const first = opts.style ?? null;
  const versions: RefinedPrompt[] = [refineOffline({ idea, dialect, style: first })];
  let style = first;
  for (const [i, instruction] of instructions.entries()) {
    const parent = versions[versions.length - 1] as RefinedPrompt;
    const next = opts.styles?.[i] ?? style;
    versions.push(
      refineOffline({
        idea,
        dialect,
        instruction,
        style: next,
        parent: {
          prompt: parent.prompt,
          negativePrompt: parent.negativePrompt ?? null,
          style,
          dialect,
          parts: parent.parts,
        },
      }),
    );
    style = next;
  }
  return versions;
}

function count(text: string, piece: string): number {
  return text.split(piece).length - 1;
}

describe("§3 follow-ups keep the idea's prompt syntax as typed, Midjourney parameters last", () => {
  it("make it night adds night after the typed syntax, never inside it", () => {
    const idea = "(masterpiece:1.2), 1girl, red hood, forest --ar 2:3";
    for (const dialect of DIALECTS) {
      const [, v2] = chain(idea, ["make it night"], dialect) as [RefinedPrompt, RefinedPrompt];
      expect(v2.prompt.startsWith("(masterpiece:1.2), 1girl, red hood, forest, "), dialect).toBe(true);
      expect(v2.prompt, dialect).not.toMatch(/\(masterpiece:1\.2\) at night/);
      expect(v2.prompt, dialect).toMatch(/night/);
      // The parameters stay last, once, exactly as typed: no full stop after them.
      expect(v2.prompt.endsWith(" --ar 2:3"), dialect).toBe(true);
      expect(count(v2.prompt, "--ar"), dialect).toBe(1);
    }
  });

  it("keeps a LoRA, BREAK and a --no list with a comma through a chain of follow-ups", () => {
    const idea = "1girl, red hood, <lora:foxgirl:0.8> BREAK forest --no text, watermark --ar 2:3";
    for (const dialect of DIALECTS) {
      const versions = chain(idea, ["make it night", "make it warmer", "remove the text", "close-up"], dialect);
      for (const [i, v] of versions.entries()) {
        const label = `${dialect} v${i + 1}`;
        expect(v.prompt, label).toContain("1girl, red hood, <lora:foxgirl:0.8> BREAK forest");
        expect(v.prompt.endsWith(" --no text, watermark --ar 2:3"), label).toBe(true);
        expect(count(v.prompt, "--no"), label).toBe(1);
      }
      expect(versions[2]?.prompt, dialect).toMatch(/amber and gold/);
      expect(versions[4]?.prompt, dialect).toMatch(/close-up/);
    }
  });

  it("keeps A1111 emphasis, de-emphasis and booru underscores that the tag reader cannot write back", () => {
    const idea = "((masterpiece)), [blurry], 1girl, red_hood, forest";
    for (const dialect of DIALECTS) {
      const [, v2, v3] = chain(idea, ["make it night", "add rain"], dialect) as RefinedPrompt[];
      for (const v of [v2, v3] as RefinedPrompt[]) {
        expect(v.prompt.startsWith("((masterpiece)), [blurry], 1girl, red_hood, forest"), dialect).toBe(true);
        expect(v.prompt, dialect).not.toMatch(/\(\(masterpiece\):1\.1\)|\(blurry:0\.9\)/);
      }
    }
  });

  it("keeps a typed tag list's own case and repeats in prose: no capital, no article fix", () => {
    for (const idea of ["solo, 1girl, red_hood, forest", "masterpiece, best quality, 1girl, 1girl, red hood"]) {
      const [v1, v2] = chain(idea, ["make it night"], "prose") as [RefinedPrompt, RefinedPrompt];
      expect(v1.prompt.startsWith(idea), idea).toBe(true);
      expect(v2.prompt.startsWith(`${idea}, at night`), v2.prompt).toBe(true);
    }
  });

  it("remove X takes a typed item that is only X whole, and declines to cut inside typed syntax", () => {
    for (const dialect of DIALECTS) {
      const [v1, v2] = chain("(masterpiece:1.2), 1girl, red hood, forest", ["remove the hood"], dialect) as [
        RefinedPrompt,
        RefinedPrompt,
      ];
      expect(v1.prompt, dialect).toContain("red hood");
      expect(v2.prompt, dialect).not.toMatch(/hood/);
      expect(v2.prompt.startsWith("(masterpiece:1.2), 1girl, forest"), dialect).toBe(true);

      const lora = "1girl, <lora:foxgirl:0.8> BREAK forest";
      const [w1, w2] = chain(lora, ["remove the forest"], dialect) as [RefinedPrompt, RefinedPrompt];
      expect(w1.prompt, dialect).toContain("<lora:foxgirl:0.8> BREAK forest");
      expect(w2.prompt, dialect).toContain("<lora:foxgirl:0.8> BREAK forest");
      expect(w2.notes.join(" "), dialect).toMatch(/"forest" is inside your own prompt syntax .* kept as typed/);
    }
  });

  it("declines a recolour aimed at typed syntax with a plain note, leaving the text as it was", () => {
    for (const dialect of DIALECTS) {
      const [v1, v2] = chain("(masterpiece:1.2), 1girl, (red hood:1.3), forest", ["make the hood blue"], dialect) as [
        RefinedPrompt,
        RefinedPrompt,
      ];
      expect(v2.prompt, dialect).toBe(v1.prompt);
      expect(v2.notes.join(" "), dialect).toMatch(/prompt syntax, kept as typed/);
    }
  });

  it("a tag prompt's parameters are never read as tags", () => {
    const versions = chain("1girl, red hood --no text, watermark", ["remove the text", "add a lantern"], "tags");
    const prompt = (versions[2] as RefinedPrompt).prompt;
    expect((versions[1] as RefinedPrompt).prompt.endsWith(" --no text, watermark")).toBe(true);
    expect(prompt.endsWith(" --no text, watermark"), prompt).toBe(true);
    const body = prompt.slice(0, prompt.indexOf(" --no"));
    expect(parseTags(body).some((t) => /--/.test(t.text))).toBe(false);
    expect(body).toMatch(/lantern/);
  });
});

describe("§2 quoted lettering survives every follow-up unchanged", () => {
  const sign = '"OPEN ALL NIGHT, RAIN OR SHINE"';
  const idea = `a diner sign that says ${sign} on a street corner at dusk`;

  it("through make it morning, remove the rain and make it sunny", () => {
    for (const dialect of DIALECTS) {
      const versions = chain(idea, ["make it morning", "remove the rain", "make it sunny"], dialect);
      for (const [i, v] of versions.entries()) {
        expect(v.prompt, `${dialect} v${i + 1}`).toContain(sign);
        expect(count(v.prompt, '"'), `${dialect} v${i + 1}`).toBe(2);
      }
      // The edits still applied around the lettering.
      expect(versions[1]?.prompt, dialect).toMatch(/morning/);
      expect(versions[1]?.prompt, dialect).not.toMatch(/(?<!")\bdusk\b/);
    }
  });

  it("and through a restyle and a recolour, with the notes quoting it whole", () => {
    for (const dialect of DIALECTS) {
      const versions = chain(idea, ["make the sign red", "as a watercolor", "make it cozy"], dialect);
      for (const [i, v] of versions.entries()) {
        expect(v.prompt, `${dialect} v${i + 1}`).toContain(sign);
        expect(v.notes.join(" "), `${dialect} v${i + 1}`).not.toMatch(/[\uE000-\uEFFF]/);
      }
    }
  });
});

describe("§2 weather asked of an indoor scene is seen through the window", () => {
  it("add rain in a living room: rain on the window, not rain streaking through the room", () => {
    for (const dialect of DIALECTS) {
      for (const idea of ["a reading nook in a cozy living room", "a cat asleep on a kitchen table"]) {
        const [, v2] = chain(idea, ["add rain"], dialect) as [RefinedPrompt, RefinedPrompt];
        expect(v2.prompt, `${dialect}: ${idea}`).not.toMatch(/rain streaking through the air|slick surfaces/);
        expect(v2.prompt, `${dialect}: ${idea}`).toMatch(/rain (?:streaking down the windowpanes|on window)/);
        expect(v2.notes.join(" "), dialect).toMatch(/seen through the window since the scene is indoors/);
      }
    }
  });

  it("an outdoor scene still gets rain in the air", () => {
    for (const dialect of DIALECTS) {
      const [, v2] = chain("a lighthouse on a cliff", ["add rain"], dialect) as [RefinedPrompt, RefinedPrompt];
      expect(v2.prompt, dialect).toMatch(/rain streaking through the air/);
      expect(v2.prompt, dialect).not.toMatch(/window/);
    }
  });
});

describe("§2 remove X takes the words that only described X", () => {
  it("removing the people on a street leaves no stray walking, pose, skin or eyes", () => {
    for (const dialect of DIALECTS) {
      const [v1, v2] = chain("a busy street with people walking, shops", ["remove the people"], dialect) as [
        RefinedPrompt,
        RefinedPrompt,
      ];
      expect(v1.prompt, dialect).toMatch(/walking/);
      expect(v2.prompt, dialect).not.toMatch(/people|walking|relaxed pose|thoughtful expression|skin|eyes/);
      expect(v2.prompt, dialect).toMatch(/busy street/);
      expect(v2.prompt, dialect).toMatch(/shops/);
      // No lead-in left without what it led in.
      expect(v2.prompt, dialect).not.toMatch(/Finished,|Finished\./);
    }
  });

  it("removing the only subject leaves its place said empty, in a sentence that reads", () => {
    const idea = "a watercolor of a cat asleep on a windowsill";
    const [p1, p2] = chain(idea, ["remove the cat"], "prose") as [RefinedPrompt, RefinedPrompt];
    expect(p1.prompt).toMatch(/^A watercolor of a .*cat asleep on a windowsill/);
    expect(p2.prompt).toMatch(/^A watercolor of an empty windowsill[,.]/);
    expect(p2.prompt).not.toMatch(/watercolor on a windowsill|cat|asleep|fur|eyes/);

    const [, t2] = chain(idea, ["remove the cat"], "tags") as [RefinedPrompt, RefinedPrompt];
    expect(t2.prompt).toMatch(/^watercolor, empty windowsill,/);
    expect(t2.prompt).not.toMatch(/cat|asleep|fur|eyes/);
    expect(t2.negativePrompt?.split(", ")).toContain("cat");
  });

  it("fur and eyes stay while another animal keeps them", () => {
    for (const dialect of DIALECTS) {
      const [v1, v2] = chain("a fox and a rabbit in the snow", ["remove the fox"], dialect) as [
        RefinedPrompt,
        RefinedPrompt,
      ];
      expect(v1.prompt, dialect).toMatch(/fine fur texture/);
      expect(v2.prompt, dialect).toMatch(/fine fur texture/);
      expect(v2.prompt, dialect).toMatch(/catchlights in the eyes/);
      expect(v2.prompt, dialect).not.toMatch(/fox/);
    }
  });

  it("what typed syntax keeps saying is not also put in the negative prompt", () => {
    const [, v2] = chain("1girl, silver hair BREAK night city", ["remove the city"], "tags") as RefinedPrompt[];
    expect(v2?.prompt).toContain("silver hair BREAK night city");
    expect(v2?.negativePrompt?.split(", ")).not.toContain("city");
    expect(v2?.notes.join(" ")).not.toMatch(/negative prompt/);
  });

  it("a subject in the opening on a surface reads the same way", () => {
    const [, v2] = chain("a cat on a windowsill", ["remove the cat"], "prose") as [RefinedPrompt, RefinedPrompt];
    expect(v2.prompt).toMatch(/^An empty windowsill/);
  });
});

describe("§5 a restyle never keeps a palette that contradicts the asked-for one", () => {
  const reimagined = candidateDirections(4).find((d) => d.id === "reimagined-medium");

  it("the reimagined-medium candidate after make it warmer is not black-and-white", () => {
    expect(reimagined).toBeDefined();
    const ideas = ["a lighthouse on a cliff", "a cat on a windowsill", "a fox in a snowy forest", "an old man reading"];
    for (const dialect of DIALECTS) {
      for (const idea of ideas) {
        const v1 = refineOffline({ idea, dialect, style: null });
        const v2 = refineOffline({
          idea,
          dialect,
          style: null,
          instruction: "make it warmer",
          direction: reimagined,
          parent: {
            prompt: v1.prompt,
            negativePrompt: v1.negativePrompt ?? null,
            style: null,
            dialect,
            parts: v1.parts,
          },
        });
        const label = `${dialect}: ${idea}`;
        expect(v2.prompt, label).toMatch(/warm palette of amber and gold/);
        expect(v2.prompt, label).not.toMatch(/monochrome|black-and-white|charcoal greys|black ink/);
        expect(v2.notes.join(" "), label).toMatch(/reimagined the medium/);
      }
    }
  });

  it("a black-and-white style picked later drops the earlier warm palette", () => {
    for (const dialect of DIALECTS) {
      const [, v2, v3] = chain("a lighthouse on a cliff", ["make it warmer", undefined], dialect, {
        styles: [null, "film-noir"],
      }) as RefinedPrompt[];
      expect(v2?.prompt, dialect).toMatch(/amber and gold/);
      expect(v3?.prompt, dialect).toMatch(/black-and-white monochrome/);
      expect(v3?.prompt, dialect).not.toMatch(/amber and gold/);
    }
  });
});
