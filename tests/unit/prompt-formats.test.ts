import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseInfotext } from "@/lib/png/infotext";
import { nearestRatio, reduceRatio } from "@/lib/prompt-formats/aspect-ratio";
import {
  type CopySource,
  formatFor,
  forIdeogram,
  forMidjourney,
  forStableDiffusion,
  IDEOGRAM_RATIOS,
} from "@/lib/prompt-formats/copy-formats";
import { splitMjParams } from "@/lib/prompt-formats/midjourney-params";
import { proseToTags } from "@/lib/prompt-formats/prose-to-tags";

const prose: CopySource = {
  prompt: 'A neon sign that says "OPEN 24 HOURS" above a rainy diner door, at night.',
  negativePrompt: "blurry, (watermark:1.3), text artifacts",
  width: 1024,
  height: 1536,
  dialect: "prose",
};

describe("aspect ratio", () => {
  it("reduces sizes to lowest terms", () => {
    expect(reduceRatio(1024, 1536)).toEqual({ w: 2, h: 3 });
    expect(reduceRatio(1536, 1024)).toEqual({ w: 3, h: 2 });
    expect(reduceRatio(1024, 1024)).toEqual({ w: 1, h: 1 });
    expect(reduceRatio(1792, 1024)).toEqual({ w: 7, h: 4 });
    expect(reduceRatio(832, 1216)).toEqual({ w: 13, h: 19 });
    expect(reduceRatio(0, 512)).toBeUndefined();
    expect(reduceRatio(512.5, 512)).toBeUndefined();
  });

  it("snaps to the nearest ratio a target offers", () => {
    expect(nearestRatio({ w: 13, h: 19 }, IDEOGRAM_RATIOS)).toEqual({ w: 2, h: 3 });
    expect(nearestRatio({ w: 7, h: 4 }, IDEOGRAM_RATIOS)).toEqual({ w: 16, h: 9 });
    expect(nearestRatio({ w: 1, h: 1 }, IDEOGRAM_RATIOS)).toEqual({ w: 1, h: 1 });
  });
});

describe("Midjourney parameters in a prompt", () => {
  it("splits the text from the parameters at its end", () => {
    expect(splitMjParams("a fox --ar 2:3 --no snow, ice --style raw --tile")).toEqual({
      text: "a fox",
      params: [
        { name: "ar", value: "2:3" },
        { name: "no", value: "snow, ice" },
        { name: "style", value: "raw" },
        { name: "tile", value: "" },
      ],
    });
  });

  it("does not take dashes inside words or spaced dashes for parameters", () => {
    expect(splitMjParams("a well--known fox -- in snow")).toEqual({ text: "a well--known fox -- in snow", params: [] });
  });
});

describe("Copy for Midjourney", () => {
  it("adds --ar from the chosen size and --no from the negative prompt, weights dropped", () => {
    expect(forMidjourney(prose)).toBe(
      'A neon sign that says "OPEN 24 HOURS" above a rainy diner door, at night. --ar 2:3 --no blurry, watermark, text artifacts',
    );
  });

  it("keeps parameters the prompt already has and never writes one twice", () => {
    const text = forMidjourney({
      ...prose,
      prompt: "a fox in snow --aspect 16:9 --no trees --v 6.1",
      negativePrompt: "blurry, Trees",
    });
    expect(text).toBe("a fox in snow --aspect 16:9 --no blurry, Trees --v 6.1");
    expect(text.match(/--(ar|aspect)\b/g)).toHaveLength(1);
    expect(text.match(/--no\b/g)).toHaveLength(1);
  });

  it("writes a tag prompt as plain words on one line, and leaves out what it does not know", () => {
    expect(forMidjourney({ prompt: "(red fox:1.2), snow,\n[soft light], <lora:film:0.8>", dialect: "tags" })).toBe(
      "red fox, snow, soft light",
    );
  });
});

describe("Copy for Ideogram", () => {
  it("gives the prompt, then the negative prompt and the aspect ratio on labelled lines", () => {
    expect(forIdeogram(prose)).toBe(
      [
        'A neon sign that says "OPEN 24 HOURS" above a rainy diner door, at night.',
        "",
        "Negative prompt: blurry, watermark, text artifacts",
        "Aspect ratio: 2:3",
      ].join("\n"),
    );
  });

  it("uses the nearest ratio Ideogram offers, and moves Midjourney parameters out of the prompt", () => {
    expect(forIdeogram({ prompt: "a fox --no snow", width: 832, height: 1216, dialect: "prose" })).toBe(
      "a fox\n\nNegative prompt: snow\nAspect ratio: 2:3",
    );
    expect(forIdeogram({ prompt: "a fox", dialect: "prose" })).toBe("a fox");
  });
});

describe("Copy for Stable Diffusion", () => {
  it("keeps a tag prompt and its weights, with the negative prompt in A1111's form", () => {
    const text = forStableDiffusion({
      prompt: "1girl, red hood, (masterpiece:1.2), forest",
      negativePrompt: "lowres, (bad hands:1.4)",
      dialect: "tags",
    });
    expect(text).toBe("1girl, red hood, (masterpiece:1.2), forest\nNegative prompt: lowres, (bad hands:1.4)");
    expect(parseInfotext(text)).toMatchObject({
      prompt: "1girl, red hood, (masterpiece:1.2), forest",
      negativePrompt: "lowres, (bad hands:1.4)",
    });
  });

  it("turns prose into a tag list, keeping weights written in it", () => {
    expect(
      forStableDiffusion({
        prompt: "A red fox in deep snow. (Soft light:1.2), with a shallow depth of field; the breath visible.",
        negativePrompt: "blurry",
        dialect: "prose",
      }),
    ).toBe("red fox in deep snow, (Soft light:1.2), shallow depth of field, breath visible\nNegative prompt: blurry");
  });

  it("drops Midjourney parameters and folds --no into the negative prompt", () => {
    expect(forStableDiffusion({ prompt: "fox, snow --ar 2:3 --no trees", negativePrompt: "", dialect: "tags" })).toBe(
      "fox, snow\nNegative prompt: trees",
    );
  });

  it("without a negative prompt is the tags alone", () => {
    expect(forStableDiffusion({ prompt: "fox, snow", dialect: "tags" })).toBe("fox, snow");
  });
});

describe("proseToTags", () => {
  it("drops repeats and keeps decimals inside weights", () => {
    expect(proseToTags("A fox. A fox, (snow:1.5).")).toBe("fox, (snow:1.5)");
  });
});

describe("formatFor", () => {
  it("copies the plain prompt as it is", () => {
    expect(formatFor("plain", { ...prose, prompt: "  a fox\nin snow  " })).toBe("a fox\nin snow");
  });
});

describe("the studio's size string", () => {
  it("gives the aspect ratio like a width and height do", () => {
    expect(forMidjourney({ prompt: "a fox", size: "1536x1024", dialect: "prose" })).toBe("a fox --ar 3:2");
    expect(forMidjourney({ prompt: "a fox", size: "auto", dialect: "prose" })).toBe("a fox");
  });
});

describe("client safety", () => {
  // The copy menu runs in the browser: the formatters and all they import must be plain code.
  it("the formatters reach no Node module, no package and no server-only code", () => {
    const root = path.resolve(__dirname, "../..");
    const seen = new Set<string>();
    const packages = new Set<string>();
    const queue = [path.join(root, "lib/prompt-formats/copy-formats.ts"), path.join(root, "lib/text/file-name.ts")];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = readFileSync(file, "utf8");
      for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[\w*\s{},]*?\s*from\s*)?["']([^"']+)["']/gm)) {
        const spec = m[1] as string;
        const base = spec.startsWith("@/")
          ? path.join(root, spec.slice(2))
          : spec.startsWith(".")
            ? path.resolve(path.dirname(file), spec)
            : null;
        if (base) queue.push(`${base}.ts`);
        else packages.add(spec);
      }
    }
    expect([...seen].map((f) => path.relative(root, f))).toEqual(
      expect.arrayContaining([
        "lib/png/infotext.ts",
        "lib/refine/offline/tags.ts",
        "lib/prompt-formats/prose-to-tags.ts",
      ]),
    );
    expect([...packages]).toEqual([]);
    for (const file of seen) expect(readFileSync(file, "utf8"), file).not.toMatch(/server-only|\bBuffer\b|\bprocess\./);
  });
});
