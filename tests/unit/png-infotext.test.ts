import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatInfotext, type InfotextInput, parseInfotext } from "@/lib/png/infotext";

describe("formatInfotext", () => {
  it("writes prompt, negative prompt and settings the way A1111 does", () => {
    const text = formatInfotext({
      prompt: "a cabin in the snow",
      negativePrompt: "blurry",
      params: { Steps: 25, Sampler: "Euler a", "CFG scale": 7, Seed: 1234, Size: "512x512", Model: "dreamshaper_8" },
    });
    expect(text).toBe(
      "a cabin in the snow\nNegative prompt: blurry\n" +
        "Steps: 25, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 512x512, Model: dreamshaper_8",
    );
  });

  it("leaves out the negative prompt line when there is none, and unknown settings", () => {
    expect(formatInfotext({ prompt: "a fox", negativePrompt: "  ", params: { Steps: 20, Seed: undefined } })).toBe(
      "a fox\nSteps: 20",
    );
    expect(formatInfotext({ prompt: "a fox", params: { Seed: null, "CFG scale": Number.NaN, Sampler: "" } })).toBe(
      "a fox",
    );
  });

  it("quotes values with commas, colons or line breaks as JSON, as A1111 does", () => {
    const text = formatInfotext({
      prompt: "p",
      params: { "Lora hashes": "add_detail: 7c6bad76eb54, more: 123", Model: 'say "hi"', Note: '"quoted"' },
    });
    expect(text.split("\n")[1]).toBe(
      'Lora hashes: "add_detail: 7c6bad76eb54, more: 123", Model: say "hi", Note: "\\"quoted\\""',
    );
  });

  it("adds an empty negative prompt line when the prompt has a line that looks like one", () => {
    const prompt = "a poster that reads\nNegative prompt: none at all";
    const text = formatInfotext({ prompt, params: { Steps: 20, Seed: 1, Size: "512x512" } });
    expect(text).toBe(`${prompt}\nNegative prompt:\nSteps: 20, Seed: 1, Size: 512x512`);
    expect(parseInfotext(text)).toEqual({ prompt, params: { Steps: "20", Seed: "1", Size: "512x512" } });
  });

  it("keeps a settings-like last prompt line a prompt line when there are no settings", () => {
    const prompt = "mood: calm, light: soft, palette: muted";
    expect(parseInfotext(formatInfotext({ prompt }))).toEqual({ prompt, params: {} });
  });
});

describe("parseInfotext", () => {
  it("reads a real-world A1111 infotext with hires fix, LoRA and TI hashes and a version", () => {
    const text = [
      "masterpiece, best quality, 1girl, solo, silver hair, (looking at viewer:1.2), night city,",
      "neon lights, rain, <lora:add_detail:0.6>",
      "Negative prompt: (worst quality, low quality:1.4), easynegative, watermark",
      "Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 3928471113, Size: 512x768, " +
        "Model hash: 7f96a1a9ca, Model: anyloraCheckpoint_bakedvaeBlessedFp16, Denoising strength: 0.45, " +
        "Clip skip: 2, Hires upscale: 2, Hires steps: 15, Hires upscaler: R-ESRGAN 4x+ Anime6B, " +
        'Lora hashes: "add_detail: 7c6bad76eb54", TI hashes: "easynegative: c74b4e810b03", Version: v1.10.1',
    ].join("\n");
    const info = parseInfotext(text);
    expect(info.prompt).toBe(
      "masterpiece, best quality, 1girl, solo, silver hair, (looking at viewer:1.2), night city,\n" +
        "neon lights, rain, <lora:add_detail:0.6>",
    );
    expect(info.negativePrompt).toBe("(worst quality, low quality:1.4), easynegative, watermark");
    expect(info.params).toMatchObject({
      Steps: "28",
      Sampler: "DPM++ 2M",
      "Schedule type": "Karras",
      "CFG scale": "6.5",
      Seed: "3928471113",
      Size: "512x768",
      "Model hash": "7f96a1a9ca",
      Model: "anyloraCheckpoint_bakedvaeBlessedFp16",
      "Hires upscaler": "R-ESRGAN 4x+ Anime6B",
      "Lora hashes": "add_detail: 7c6bad76eb54",
      "TI hashes": "easynegative: c74b4e810b03",
      Version: "v1.10.1",
    });
    expect(Object.keys(info.params)).toHaveLength(16);
  });

  it("reads a Forge infotext with a multi-line negative prompt and Flux settings", () => {
    const text =
      "a red fox\n\nin fresh snow\nNegative prompt: blurry,\nwatermark\n" +
      "Steps: 20, Sampler: Euler, Schedule type: Simple, CFG scale: 1, Distilled CFG Scale: 3.5, Seed: 42, " +
      "Size: 896x1152, Model hash: bea01d51bd, Model: flux1-dev-bnb-nf4-v2, Version: f2.0.1v1.10.1-previous-313-g8a042934, " +
      "Module 1: ae";
    expect(parseInfotext(text)).toMatchObject({
      prompt: "a red fox\n\nin fresh snow",
      negativePrompt: "blurry,\nwatermark",
      params: { "Distilled CFG Scale": "3.5", "Module 1": "ae", Version: "f2.0.1v1.10.1-previous-313-g8a042934" },
    });
  });

  it("treats a last line with fewer than three pairs and no known key as prompt", () => {
    expect(parseInfotext("a portrait\nstyle: noir, mood: tense")).toEqual({
      prompt: "a portrait\nstyle: noir, mood: tense",
      params: {},
    });
    expect(parseInfotext("a portrait\nSeed: 5, Size: 512x512").params).toEqual({ Seed: "5", Size: "512x512" });
  });

  it("reads a settings-only text, an empty text, and trailing whitespace", () => {
    expect(parseInfotext("Steps: 20, Sampler: Euler, CFG scale: 7")).toEqual({
      prompt: "",
      params: { Steps: "20", Sampler: "Euler", "CFG scale": "7" },
    });
    expect(parseInfotext("")).toEqual({ prompt: "", params: {} });
    expect(parseInfotext("  a cat \r\nSteps: 1, Seed: 2, Size: 64x64\n\n").prompt).toBe("a cat");
  });

  it("keeps a malformed quoted value as written, and a __proto__ key as data", () => {
    const info = parseInfotext('p\nSteps: 1, Seed: 2, Bad: "not \\q json", __proto__: x');
    expect(info.params.Bad).toBe('"not \\q json"');
    expect(Object.hasOwn(info.params, "__proto__")).toBe(true);
  });
});

// Texts as users type them: line breaks, CRs, quotes, colons, commas, unicode, and lines that
// look like "Negative prompt:" or like settings.
const fragment = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.constantFrom(
    "Negative prompt:",
    " Negative prompt: x",
    "\n",
    "\r\n",
    ", ",
    ": ",
    '"',
    "\\",
    "Steps: 20, Seed: 1, Size: 5x5",
  ),
);
const text = fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(""));
const key = fc.constantFrom(
  "Steps",
  "Sampler",
  "CFG scale",
  "Seed",
  "Size",
  "Model",
  "Lora hashes",
  "Hires upscaler",
  "Version",
);
const value = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), text);

/** The settings as they should read back: strings, with the empty and non-finite left out. */
function settingsOf(params: InfotextInput["params"] = {}): Record<string, string> {
  const entries = Object.entries(params).flatMap(([k, v]) => {
    if (typeof v === "number") return Number.isFinite(v) ? [[k, String(v)]] : [];
    return typeof v === "string" && v !== "" ? [[k, v]] : [];
  });
  return Object.fromEntries(entries);
}

const CORE = ["Steps", "Sampler", "CFG scale", "Seed", "Size", "Model", "Version"];

const input = fc
  .record({ prompt: text, negativePrompt: fc.option(text, { nil: undefined }), params: fc.dictionary(key, value) })
  .filter(({ negativePrompt, params }) => {
    // Outside what the format can say (see lib/png/infotext.ts): fewer than three settings with
    // no core key; a negative prompt with a "Negative prompt:" line of its own; or, with no
    // settings, a negative prompt whose last line passes for settings.
    const keys = Object.keys(settingsOf(params));
    if (keys.length > 0 && keys.length < 3 && !keys.some((k) => CORE.includes(k))) return false;
    const negative = (negativePrompt ?? "").trim();
    if (negative.split("\n").some((line) => line.trimStart().startsWith("Negative prompt:"))) return false;
    if (negative !== "" && keys.length === 0) {
      const probe = parseInfotext(`x\n${negative.split("\n").at(-1)}`);
      if (Object.keys(probe.params).length > 0) return false;
    }
    return true;
  });

function expected(i: InfotextInput) {
  const negative = (i.negativePrompt ?? "").trim();
  return { prompt: i.prompt.trim(), params: settingsOf(i.params), ...(negative ? { negativePrompt: negative } : {}) };
}

describe("infotext round trip", () => {
  it("parse(format(x)) gives back the prompt, negative prompt and settings", () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(parseInfotext(formatInfotext(i))).toEqual(expected(i));
      }),
      { numRuns: 2000 },
    );
  });

  it("gives back every setting value exactly, quoted or not", () => {
    fc.assert(
      fc.property(fc.dictionary(key, text), (params) => {
        const written = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== ""));
        const info = parseInfotext(formatInfotext({ prompt: "p", params: { ...written, Seed: 1, Size: "64x64" } }));
        expect(info.params).toEqual({ ...written, Seed: "1", Size: "64x64" });
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => {
        parseInfotext(s);
      }),
      { numRuns: 1000 },
    );
  });
});
