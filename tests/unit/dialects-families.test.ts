import { describe, expect, it } from "vitest";
import {
  capsOf,
  dropDefaults,
  fitToBackend,
  initialSettings,
  type ComposeSettings,
} from "@/components/studio/generations/compose-settings";
import { BACKENDS } from "@/lib/catalog";
import { capabilitiesFor, guessDialect, guessModelFamily } from "@/lib/prompt-formats/guess-dialect";
import { FAMILY_PROFILES, SD15_SIZES, SDXL_SIZES } from "@/lib/prompt-formats/model-family";
import type { Capabilities, Catalog } from "@/lib/schemas/catalog";
import { CapabilitiesSchema } from "@/lib/schemas/catalog";
import { refineOffline } from "@/lib/refine/offline";
import { estimateT5Tokens } from "@/lib/tokens/t5-estimate";
import { FAKE_CHECKPOINTS } from "@/tests/fakes/a1111";

const A1111 = BACKENDS.automatic1111.capabilities as unknown as Capabilities;

function catalogWith(caps: Capabilities): Catalog {
  return {
    refiners: [{ id: "offline", label: "Offline", configured: true, model: "offline", offline: true }],
    backends: [
      {
        id: "automatic1111",
        label: "AUTOMATIC1111 / Forge",
        configured: true,
        offline: false,
        model: "sd-webui",
        enableWith: "A1111_URL",
        capabilities: caps,
      },
    ],
    defaults: { refiner: "offline", backend: "automatic1111" },
    embeddedDefaults: false,
  };
}

describe("guessModelFamily: a checkpoint's family from what A1111 and ComfyUI tell", () => {
  it("reads each of the fake A1111's checkpoints (/sdapi/v1/sd-models) by name or hash", () => {
    const seen = Object.fromEntries(
      FAKE_CHECKPOINTS.map((m) => [m.title, guessModelFamily({ name: m.title, hash: m.hash, sha256: m.sha256 })]),
    );
    expect(seen).toEqual({
      "v1-5-pruned-emaonly.safetensors [6ce0161689]": "sd15",
      "sd_xl_base_1.0.safetensors [31e35c80fc]": "sdxl",
      // No family in the name, no known hash: the caller's setting decides.
      "anime/counterfeit-v3.safetensors [cbfba64e66]": undefined,
      "flux1-dev.safetensors [4610115bb0]": "flux-dev",
      "my-favourite-model.safetensors [31e35c80fc]": "sdxl",
    });
  });

  it("knows a renamed file by the short hash in its title alone, as the studio sees it", () => {
    expect(guessModelFamily({ name: "my-favourite-model.safetensors [31e35c80fc]" })).toBe("sdxl");
    expect(guessModelFamily({ name: "whatever.safetensors [4610115BB0]" })).toBe("flux-dev");
  });

  it("reads common names: FLUX and SD3 before anything that says xl", () => {
    const cases: Array<[string, string | undefined]> = [
      ["flux1-schnell-fp8.safetensors", "flux-schnell"],
      ["FLUX/flux1-dev-Q8_0.gguf", "flux-dev"],
      ["sd3.5_large.safetensors", "sd3"],
      ["sd3_medium_incl_clips.safetensors", "sd3"],
      ["juggernautXL_v9Rundiffusionphoto2.safetensors", "sdxl"],
      ["ponyDiffusionV6XL.safetensors", "sdxl"],
      ["RealVisXL_V4.0.safetensors", "sdxl"],
      ["dreamshaper_8.safetensors", undefined],
      ["v1-5-pruned.ckpt", "sd15"],
      ["Stable-diffusion/sd15/realisticVision.safetensors", undefined],
    ];
    for (const [name, family] of cases) expect(guessModelFamily({ name }), name).toBe(family);
  });

  it("leaves guessDialect, which reads a prompt's text, as it was", () => {
    expect(guessDialect("(red fox:1.2), snow, dawn")).toBe("tags");
    expect(guessDialect("A red fox walks through fresh snow at dawn.")).toBe("prose");
  });
});

describe("capabilitiesFor: dialect, budget, negative prompt and sizes per checkpoint", () => {
  it("SD 1.5 keeps 512-based sizes and CLIP tags with a negative prompt", () => {
    const caps = capabilitiesFor(A1111, { checkpoint: "v1-5-pruned-emaonly.safetensors [6ce0161689]" });
    expect(caps).toMatchObject({ family: "sd15", dialect: "tags", tokenizer: "clip", maxPromptTokens: 75 });
    expect(caps.negativePrompt).toBe(true);
    expect(caps.sizes).toEqual(SD15_SIZES);
    expect(caps.defaultSize).toBe("512x512");
  });

  it("SDXL offers 1024² and its aspect buckets", () => {
    const caps = capabilitiesFor(A1111, { checkpoint: "sd_xl_base_1.0.safetensors [31e35c80fc]" });
    expect(caps.family).toBe("sdxl");
    expect(caps.dialect).toBe("tags");
    expect(caps.defaultSize).toBe("1024x1024");
    expect(caps.sizes).toEqual([
      "1024x1024",
      "1152x896",
      "896x1152",
      "1216x832",
      "832x1216",
      "1344x768",
      "768x1344",
      "1536x640",
      "640x1536",
    ]);
    expect(caps.sizes).not.toContain("512x512");
  });

  it("FLUX dev: prose, 512 T5 tokens, no negative prompt, about a megapixel, guidance 3.5", () => {
    const caps = capabilitiesFor(A1111, { checkpoint: "flux1-dev.safetensors [4610115bb0]" });
    expect(caps).toMatchObject({
      family: "flux-dev",
      dialect: "prose",
      tokenizer: "t5",
      maxPromptTokens: 512,
      negativePrompt: false,
      defaultSize: "1024x1024",
    });
    expect(caps.sizes).toEqual(SDXL_SIZES);
    expect(caps.guidance?.default).toBe(3.5);
  });

  it("schnell and SD3 read 256 T5 tokens", () => {
    expect(capabilitiesFor(A1111, { family: "flux-schnell" }).maxPromptTokens).toBe(256);
    expect(capabilitiesFor(A1111, { family: "sd3" })).toMatchObject({ dialect: "prose", maxPromptTokens: 256 });
  });

  it("an explicit family wins over the checkpoint's name; an unknown name keeps the backend's family", () => {
    expect(capabilitiesFor(A1111, { family: "sdxl", checkpoint: "flux1-dev.safetensors" }).family).toBe("sdxl");
    expect(capabilitiesFor(A1111, { checkpoint: "dreamshaper_8.safetensors" }).family).toBe("sd15");
    expect(capabilitiesFor(A1111).family).toBe("sd15");
  });

  it("a family set by the server's setting is not overruled by a name, but a request may choose", () => {
    const set: Capabilities = { ...A1111, family: "flux-dev", familySource: "setting" };
    expect(capabilitiesFor(set, { checkpoint: "sd_xl_base_1.0.safetensors" }).family).toBe("flux-dev");
    expect(capabilitiesFor(set, { family: "sdxl" }).family).toBe("sdxl");
  });

  it("a family the workflow declares is fixed", () => {
    const flux: Capabilities = { ...capabilitiesFor(A1111, { family: "flux-dev" }), familySource: "workflow" };
    expect(capabilitiesFor(flux, { family: "sdxl", checkpoint: "sd_xl_base_1.0.safetensors" })).toBe(flux);
  });

  it("every family's capabilities are well formed and offer their default size", () => {
    for (const family of Object.keys(FAMILY_PROFILES) as Array<keyof typeof FAMILY_PROFILES>) {
      const caps = capabilitiesFor(A1111, { family });
      expect(CapabilitiesSchema.safeParse(caps).success, family).toBe(true);
      expect(caps.sizes, family).toContain(caps.defaultSize);
      // The backend still takes every size: the studio offers the family's.
      expect(A1111.sizes).toEqual(expect.arrayContaining(caps.sizes));
    }
  });
});

describe("the studio's settings follow the checkpoint", () => {
  const base: ComposeSettings = {
    style: null,
    backend: "automatic1111",
    size: "512x512",
    n: 1,
    randomSeed: true,
    seed: "",
    quality: null,
    sampler: null,
    checkpoint: null,
    steps: "25",
    guidance: "7",
  };

  it("offers SDXL sizes where the checkpoint is SDXL, and moves 512² to 1024²", () => {
    const catalog = catalogWith(A1111);
    const s = { ...base, checkpoint: "sd_xl_base_1.0.safetensors [31e35c80fc]" };
    const caps = capsOf(catalog, "automatic1111", s);
    expect(caps.sizes).toEqual(SDXL_SIZES);
    expect(fitToBackend(s, caps).size).toBe("1024x1024");
    expect(capsOf(catalog, "automatic1111", base).sizes).toEqual(SD15_SIZES);
  });

  it("a FLUX checkpoint takes no negative prompt and writes prose", () => {
    const caps = capsOf(catalogWith(A1111), "automatic1111", { ...base, checkpoint: "flux1-dev.safetensors" });
    expect(caps.negativePrompt).toBe(false);
    expect(caps.dialect).toBe("prose");
  });

  it("a family chosen by hand is kept by a backend that lets a request choose, dropped by one that does not", () => {
    const caps = capsOf(catalogWith(A1111), "automatic1111");
    expect(fitToBackend({ ...base, family: "sd3" }, caps).family).toBe("sd3");
    const declared: Capabilities = { ...caps, familySource: "workflow" };
    expect(fitToBackend({ ...base, family: "sd3" }, declared).family).toBeUndefined();
  });

  it("switching from A1111 to a FLUX workflow brings FLUX's guidance, not A1111's 7; a value set by hand stays", () => {
    const flux: Capabilities = { ...capabilitiesFor(A1111, { family: "flux-dev" }), familySource: "workflow" };
    const before = capsOf(catalogWith(A1111), "automatic1111", base);
    const moved = fitToBackend(dropDefaults({ ...base, backend: "comfyui" }, before), flux);
    expect(moved).toMatchObject({ guidance: "3.5", size: "1024x1024" });
    const kept = fitToBackend(dropDefaults({ ...base, guidance: "4", backend: "comfyui" }, before), flux);
    expect(kept.guidance).toBe("4");
  });

  it("reopening an idea made with an SDXL checkpoint brings SDXL's sizes back", () => {
    const catalog = catalogWith(A1111);
    const now = new Date().toISOString();
    const detail = {
      idea: { id: "i", text: "x", title: "x", createdAt: now },
      versions: [],
      generations: [
        {
          id: "g",
          promptId: "v",
          backend: "automatic1111",
          model: "sd_xl_base_1.0",
          params: { size: "1216x832", n: 1, checkpoint: "sd_xl_base_1.0.safetensors [31e35c80fc]" },
          status: "succeeded",
          progress: 1,
          createdAt: now,
          images: [],
        },
      ],
    } as unknown as Parameters<typeof initialSettings>[1];
    const s = initialSettings(catalog, detail);
    expect(s.size).toBe("1216x832");
    expect(s.checkpoint).toBe("sd_xl_base_1.0.safetensors [31e35c80fc]");
  });
});

describe("estimateT5Tokens", () => {
  it("counts words, long words in pieces, punctuation and the end token", () => {
    expect(estimateT5Tokens("")).toBe(0);
    // A · red · fox · sitting · in · the · snow · at · dawn · . · </s>
    expect(estimateT5Tokens("A red fox sitting in the snow at dawn.")).toBe(11);
    // photo·real·istic
    expect(estimateT5Tokens("photorealistic")).toBe(4);
  });

  it("errs high against a CLIP-style word count, so a prompt inside the estimate fits", () => {
    const prose =
      "A weathered lighthouse keeper stands on a rain-slicked stone pier at dusk, holding a brass lantern whose warm glow spills across the wet rocks. Behind him, storm clouds roll over a churning grey sea.";
    const words = prose.split(/\s+/).length;
    expect(estimateT5Tokens(prose)).toBeGreaterThan(words);
    expect(estimateT5Tokens(prose)).toBeLessThan(words * 2);
  });
});

describe("the offline refiner in FLUX's dialect", () => {
  const flux = capabilitiesFor(A1111, { family: "flux-dev" });
  const budget = (maxTokens: number) => ({ maxChars: flux.maxPromptChars, maxTokens, tokenizer: "t5" as const });

  it("writes sentences and no negative prompt, well inside 512 T5 tokens", () => {
    const r = refineOffline({
      idea: "a lighthouse keeper on a stormy pier at dusk",
      style: "cinematic-photo",
      dialect: "prose",
      budget: budget(512),
    });
    expect(r.prompt).toMatch(/[.!?]$/);
    expect(r.prompt).not.toMatch(/\(\w[^)]*:\d/);
    expect(r.negativePrompt ?? "").toBe("");
    expect(estimateT5Tokens(r.prompt)).toBeLessThanOrEqual(512);
  });

  it("trims its additions to a tight T5 budget, counted with the estimate", () => {
    const idea = "a lighthouse keeper on a stormy pier at dusk";
    const full = refineOffline({ idea, style: "cinematic-photo", dialect: "prose", budget: budget(512) });
    const tight = refineOffline({ idea, style: "cinematic-photo", dialect: "prose", budget: budget(40) });
    expect(estimateT5Tokens(full.prompt)).toBeGreaterThan(40);
    expect(estimateT5Tokens(tight.prompt)).toBeLessThanOrEqual(40);
    expect(tight.prompt).toMatch(/lighthouse keeper/);
  });
});
