import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readPngText } from "@/lib/png/read-png-text";
import { readRecipe } from "@/lib/png/read-recipe";
import { recipeFromTexts } from "@/lib/png/recipe-from-texts";
import { fixture } from "../fixtures/png/sample-recipe";

// Fixtures written by tests/fixtures/png/make-fixtures.py: Python's zlib and struct, not our writer.

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("readPngText on chunks written by another implementation", () => {
  it("reads tEXt, zTXt, and iTXt compressed and not, in file order, after IDAT too", async () => {
    expect(await readPngText(fixture("text-kinds.png"))).toEqual([
      { keyword: "Title", kind: "tEXt", text: "Plain tEXt" },
      { keyword: "Comment", kind: "zTXt", text: "zTXt in Latin-1: café, naïve, ½ × ¾" },
      { keyword: "Description", kind: "iTXt", text: "compressed iTXt: 雪の中の狐 🦊" },
      { keyword: "Author", kind: "iTXt", text: "uncompressed iTXt: Zoë" },
      // "Broken" has a bad CRC and is skipped.
      { keyword: "After", kind: "tEXt", text: "a tEXt after the image data" },
    ]);
  });

  it("the fixtures are real images", async () => {
    const meta = await sharp(fixture("text-kinds.png")).metadata();
    expect(meta).toMatchObject({ format: "png", width: 16, height: 16 });
  });

  it("reads the text before the damage in a truncated file", async () => {
    const texts = await readPngText(fixture("truncated.png"));
    expect(texts.map((t) => t.keyword)).toEqual(["Title", "Comment", "Description", "Author"]);
  });

  it("skips compressed text where the platform has no DecompressionStream", async () => {
    vi.stubGlobal("DecompressionStream", undefined);
    const texts = await readPngText(fixture("text-kinds.png"));
    expect(texts.map((t) => t.keyword)).toEqual(["Title", "Author", "After"]);
  });

  it("answers [] for what is not a PNG", async () => {
    expect(await readPngText(new Uint8Array())).toEqual([]);
    expect(await readPngText(new TextEncoder().encode("GIF89a nope"))).toEqual([]);
  });
});

describe("readRecipe on files from other tools", () => {
  it("AUTOMATIC1111 (tEXt infotext with hires fix and hashes)", async () => {
    expect(await readRecipe(fixture("a1111-infotext.png"))).toEqual({
      source: "a1111",
      prompt:
        "masterpiece, best quality, 1girl, solo, silver hair, (looking at viewer:1.2), night city, neon lights, " +
        "rain, <lora:add_detail:0.6>",
      negativePrompt: "(worst quality, low quality:1.4), easynegative, watermark",
      params: {
        size: "512x768",
        seed: 3928471113,
        steps: 28,
        guidance: 6.5,
        sampler: "DPM++ 2M",
        checkpoint: "anyloraCheckpoint_bakedvaeBlessedFp16",
      },
    });
  });

  it("Forge, with a non-Latin-1 prompt in iTXt", async () => {
    expect(await readRecipe(fixture("a1111-utf8-itxt.png"))).toEqual({
      source: "a1111",
      prompt: "桜の木の下で読書する少女, 水彩画, やわらかな光 🌸",
      negativePrompt: "低品質, ぼやけ",
      params: {
        size: "768x512",
        seed: 1234,
        steps: 20,
        guidance: 7,
        sampler: "Euler a",
        checkpoint: "animagineXL_v31",
      },
    });
  });

  it("Fooocus, JSON scheme: the full prompt, with what the user typed as the idea", async () => {
    expect(await readRecipe(fixture("fooocus-json.png"))).toEqual({
      source: "fooocus",
      prompt:
        "cinematic still a red fox in fresh snow, emotional, harmonious, vignette, " +
        "a red fox in fresh snow, intricate, elegant, highly detailed, sharp focus",
      negativePrompt: "(worst quality, low quality, normal quality, lowres:1.4), unrealistic",
      params: {
        size: "1152x896",
        seed: 8127364519283746,
        steps: 30,
        guidance: 4,
        sampler: "dpmpp_2m_sde_gpu",
        checkpoint: "juggernautXL_v8Rundiffusion",
      },
      idea: "a red fox in fresh snow",
    });
  });

  it("Fooocus, a1111 scheme", async () => {
    expect(await readRecipe(fixture("fooocus-a1111.png"))).toEqual({
      source: "fooocus",
      prompt: "cinematic still a red fox in fresh snow, emotional, harmonious, a red fox in fresh snow, intricate",
      negativePrompt: "unrealistic, saturated, high contrast",
      params: {
        size: "1152x896",
        seed: 8127364519283746,
        steps: 30,
        guidance: 4,
        sampler: "DPM++ 2M SDE Karras",
        checkpoint: "juggernautXL_v8Rundiffusion",
      },
      idea: "a red fox in fresh snow",
    });
  });

  it("ComfyUI (API graph in `prompt`, editor graph in `workflow`)", async () => {
    expect(await readRecipe(fixture("comfyui.png"))).toEqual({
      source: "comfyui",
      prompt:
        "cinematic photo of a lighthouse on a basalt cliff at dusk, storm clouds, crashing waves, volumetric light, " +
        "35mm, Fujifilm — “golden hour”",
      negativePrompt: "lowres, blurry, watermark, text, deformed",
      params: {
        size: "1216x832",
        seed: 156680208700286,
        steps: 28,
        guidance: 6.5,
        sampler: "dpmpp_2m_sde",
        checkpoint: "juggernautXL_v9Rundiffusionphoto2.safetensors",
      },
    });
  });

  it("Promptsmith written elsewhere: compressed iTXt, an unknown key, and a stale `parameters` it wins over", async () => {
    expect(await readRecipe(fixture("promptsmith-zipped.png"))).toEqual({
      source: "promptsmith",
      prompt: "A porcelain teapot shaped like a lighthouse, beam of light from its spout, misty harbour — “warm”",
      negativePrompt: "blurry",
      params: {
        size: "768x768",
        seed: 4242,
        steps: 30,
        guidance: 5.5,
        sampler: "euler",
        checkpoint: "sdxl.safetensors",
      },
      idea: "a teapot that is also a lighthouse",
    });
  });

  it("null for a PNG with no recipe, and for what is not a PNG", async () => {
    expect(await readRecipe(fixture("text-kinds.png"))).toBeNull();
    expect(await readRecipe(new Uint8Array(100))).toBeNull();
  });
});

describe("recipeFromTexts", () => {
  const t = (keyword: string, text: string) => ({ keyword, text, kind: "tEXt" as const });

  it("falls through a Promptsmith chunk it cannot read to `parameters`", () => {
    const recipe = recipeFromTexts([
      t("promptsmith", '{"version":2}'),
      t("parameters", "a fox\nSteps: 3, Seed: 4, Size: 64x64"),
    ]);
    expect(recipe).toMatchObject({ source: "a1111", prompt: "a fox", params: { steps: 3, seed: 4, size: "64x64" } });
  });

  it("takes the last chunk when a keyword repeats", () => {
    const recipe = recipeFromTexts([t("parameters", "first"), t("parameters", "second")]);
    expect(recipe?.prompt).toBe("second");
  });

  it("reads a prompt starting with a brace as infotext, and ignores JSON that is not Fooocus's", () => {
    expect(recipeFromTexts([t("parameters", "{masterpiece}, a fox")])?.prompt).toBe("{masterpiece}, a fox");
    expect(recipeFromTexts([t("parameters", '{"sui_image_params": {}}')])).toBeNull();
  });

  it("leaves out values it cannot trust: unsafe seeds, odd sizes, non-numbers", () => {
    const recipe = recipeFromTexts([
      t("parameters", "p\nSteps: twenty, Seed: 99999999999999999999, Size: 3x3, CFG scale: 7.5, Sampler: Euler"),
    ]);
    expect(recipe?.params).toEqual({ guidance: 7.5, sampler: "Euler" });
  });

  it("null when no chunk holds a recipe, or all are empty", () => {
    expect(recipeFromTexts([])).toBeNull();
    expect(recipeFromTexts([t("parameters", "  "), t("prompt", "not json"), t("Software", "x")])).toBeNull();
  });
});
