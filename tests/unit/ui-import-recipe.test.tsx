import { describe, expect, it } from "vitest";
import { type ComposeSettings, fitToBackend } from "@/components/studio/generations/compose-settings";
import {
  fitRecipeParams,
  ideaForImport,
  imageFrom,
  importSummary,
  negativeHint,
  notUsedSentence,
  refitSummary,
  settingsFromRecipe,
} from "@/components/studio/import/import-recipe";
import { initialState, studioReducer } from "@/components/studio/studio-state";
import { BACKENDS } from "@/lib/catalog";
import { ApiError, toShownError } from "@/lib/client/api-error";
import { formatCount } from "@/lib/client/format";
import { LIMITS } from "@/lib/schemas/common";
import type { ImportedRecipe } from "@/lib/png";
import type { Capabilities, CatalogBackend } from "@/lib/schemas/catalog";
import type { PromptVersion } from "@/lib/schemas/entities";
import { promptVersion } from "./harness/fixtures";

const caps = (id: keyof typeof BACKENDS) => BACKENDS[id].capabilities as unknown as Capabilities;
const OFFLINE = caps("offline");
const A1111 = caps("automatic1111");
const COMFY = caps("comfyui");
const OPENAI = caps("openai");

/** What readRecipe gives for tests/fixtures/png/a1111-infotext.png. */
const a1111: ImportedRecipe = {
  source: "a1111",
  prompt: "masterpiece, best quality, 1girl, solo, silver hair, (looking at viewer:1.2), night city",
  negativePrompt: "(worst quality, low quality:1.4), easynegative, watermark",
  params: {
    size: "512x768",
    seed: 3928471113,
    steps: 28,
    guidance: 6.5,
    sampler: "DPM++ 2M",
    checkpoint: "anyloraCheckpoint_bakedvaeBlessedFp16",
  },
};

const base = (backend: string, c: Capabilities): ComposeSettings =>
  fitToBackend(
    {
      style: null,
      backend,
      size: c.defaultSize,
      n: 1,
      randomSeed: true,
      seed: "",
      quality: null,
      sampler: null,
      checkpoint: null,
      steps: "",
      guidance: "",
    },
    c,
  );

describe("fitRecipeParams: an image's parameters onto a backend", () => {
  it("a backend that takes everything gets every field, the seed with Random off", () => {
    const fit = fitRecipeParams(a1111.params, A1111);
    expect(fit.patch).toEqual({
      size: "512x768",
      randomSeed: false,
      seed: "3928471113",
      steps: "28",
      guidance: "6.5",
      sampler: "DPM++ 2M",
      checkpoint: "anyloraCheckpoint_bakedvaeBlessedFp16",
    });
    expect(fit.applied).toEqual(["size", "checkpoint", "sampler", "seed", "steps", "guidance"]);
    expect(fit.skipped).toEqual([]);
    // Applied onto settings, the result is something the backend accepts as is.
    const s = { ...base("automatic1111", A1111), ...fit.patch };
    expect(fitToBackend(s, A1111)).toEqual(s);
  });

  it("the offline sketch takes the seed; an unoffered size and the SD-only settings are left out, each with a note", () => {
    const fit = fitRecipeParams(a1111.params, OFFLINE);
    expect(fit.patch).toEqual({ randomSeed: false, seed: "3928471113" });
    expect(fit.applied).toEqual(["seed"]);
    expect(fit.skipped.map((s) => s.key)).toEqual(["size", "checkpoint", "sampler", "steps", "guidance"]);
    const notes = Object.fromEntries(fit.skipped.map((s) => [s.key, s.note]));
    expect(notes).toEqual({
      size: "Size 512 × 768: not one of its sizes.",
      checkpoint: "Checkpoint anyloraCheckpoint_bakedvaeBlessedFp16: it loads no checkpoint.",
      sampler: "Sampler DPM++ 2M: it has no sampler setting.",
      steps: "Steps 28: it has no steps setting.",
      guidance: "Guidance 6.5: it has no guidance setting.",
    });
  });

  it("a size the backend offers is chosen", () => {
    expect(fitRecipeParams({ size: "768x768" }, OFFLINE).patch).toEqual({ size: "768x768" });
  });

  it("a sampler is matched regardless of case, to the backend's own spelling; one it lacks is noted", () => {
    expect(fitRecipeParams({ sampler: "euler a" }, A1111).patch).toEqual({ sampler: "Euler a" });
    const fit = fitRecipeParams({ sampler: "dpmpp_2m_sde_gpu" }, COMFY);
    expect(fit.patch).toEqual({});
    expect(fit.skipped).toEqual([{ key: "sampler", note: "Sampler dpmpp_2m_sde_gpu: not one it offers." }]);
  });

  it("a seed beyond what the backend takes (Fooocus, ComfyUI) leaves Random on, with a note", () => {
    const fit = fitRecipeParams({ seed: 8127364519283746 }, A1111);
    expect(fit.patch).toEqual({});
    expect(fit.skipped[0]?.note).toBe("Seed 8127364519283746: beyond its range (0 to 4294967295), so Random stays on.");
    expect(fitRecipeParams({ seed: 0 }, A1111).patch).toEqual({ randomSeed: false, seed: "0" });
  });

  it("a backend without seeds says so", () => {
    expect(fitRecipeParams({ seed: 7 }, OPENAI).skipped).toEqual([{ key: "seed", note: "Seed 7: it takes no seed." }]);
  });

  it("steps and guidance outside the backend's range are left out, with the range", () => {
    const fit = fitRecipeParams({ steps: 200, guidance: 0.5 }, A1111);
    expect(fit.patch).toEqual({});
    expect(fit.skipped.map((s) => s.note)).toEqual([
      "Steps 200: outside its range (1 to 150).",
      "Guidance 0.5: outside its range (1 to 30).",
    ]);
  });

  it("an image with no parameters changes nothing", () => {
    expect(fitRecipeParams({}, A1111)).toEqual({ patch: {}, applied: [], skipped: [] });
  });
});

describe("settingsFromRecipe: the parameter panel after a load", () => {
  it("what the image sets, the backend's defaults for the rest it governs; count, quality, style and backend stay", () => {
    const before: ComposeSettings = {
      ...base("automatic1111", A1111),
      style: "watercolor",
      n: 3,
      randomSeed: false,
      seed: "99",
      sampler: "Euler",
      checkpoint: "old.safetensors",
      steps: "50",
      guidance: "12",
      size: "768x768",
    };
    const { settings, fit } = settingsFromRecipe(before, { size: "512x768", steps: 28 }, A1111);
    expect(fit.applied).toEqual(["size", "steps"]);
    expect(settings).toEqual({
      ...before,
      size: "512x768",
      steps: "28",
      // Not in this image: back to the backend's own, not left over from before.
      randomSeed: true,
      seed: "",
      sampler: null,
      checkpoint: null,
      guidance: "7",
    });
  });

  it("a seed the backend cannot take leaves Random on, even after an image that set one", () => {
    const first = settingsFromRecipe(base("offline", OFFLINE), { seed: 42 }, OFFLINE).settings;
    expect(first).toMatchObject({ randomSeed: false, seed: "42" });
    const second = settingsFromRecipe(first, { seed: 8127364519283746 }, OFFLINE).settings;
    expect(second).toMatchObject({ randomSeed: true, seed: "" });
  });
});

describe("what the studio says about a load", () => {
  it("counts what was loaded and names the source", () => {
    const fit = fitRecipeParams(a1111.params, A1111);
    expect(importSummary(a1111, fit, A1111)).toBe(
      "Loaded the prompt, the negative prompt and 6 settings from an AUTOMATIC1111 image.",
    );
    expect(notUsedSentence(a1111, A1111, "AUTOMATIC1111 / Forge")).toBe("");
  });

  it("says what the backend cannot use, the negative prompt first", () => {
    const fit = fitRecipeParams(a1111.params, OFFLINE);
    expect(importSummary(a1111, fit, OFFLINE)).toBe("Loaded the prompt and 1 setting from an AUTOMATIC1111 image.");
    expect(notUsedSentence(a1111, OFFLINE, "Offline sketch (no model)")).toBe(
      "Not used by Offline sketch (no model): negative prompt, size, checkpoint, sampler, steps and guidance.",
    );
  });

  it("mentions the idea where the image has one, and no settings when none applied", () => {
    const fooocus: ImportedRecipe = { source: "fooocus", prompt: "a fox", idea: "fox", params: {} };
    const fit = fitRecipeParams(fooocus.params, OFFLINE);
    expect(importSummary(fooocus, fit, OFFLINE)).toBe("Loaded the prompt and the idea from a Fooocus image.");
    expect(imageFrom("comfyui")).toBe("a ComfyUI image");
    expect(imageFrom("promptsmith")).toBe("a Promptsmith image");
  });

  it("after a backend switch, says what the new backend uses", () => {
    const fit = fitRecipeParams(a1111.params, COMFY);
    expect(refitSummary(fit, "ComfyUI")).toBe("ComfyUI uses 5 settings from the image.");
    expect(notUsedSentence(a1111, COMFY, "ComfyUI")).toBe("Not used by ComfyUI: sampler.");
  });

  it("a negative prompt the backend does not show points to the backends that would", () => {
    const backends = [
      { ...BACKENDS.offline, configured: true, model: "sketch" },
      { ...BACKENDS.automatic1111, configured: true, model: "sd" },
      { ...BACKENDS.comfyui, configured: false, model: "sd" },
    ] as unknown as CatalogBackend[];
    const hint = negativeHint(a1111, OFFLINE, backends);
    expect(hint?.note).toBe("Negative prompt: it takes none. The image's is kept, and saved with the prompt.");
    expect(hint?.switchTo.map((b) => b.id)).toEqual(["automatic1111"]);
    expect(hint?.enableWith).toEqual(["COMFYUI_URL"]);
    expect(negativeHint(a1111, A1111, backends)).toBeNull();
    expect(negativeHint({ ...a1111, negativePrompt: undefined }, OFFLINE, backends)).toBeNull();
  });

  it("the idea an import is saved under: the Idea box, else the prompt cut short", () => {
    expect(ideaForImport("  a fox  ", "whatever")).toBe("a fox");
    expect(ideaForImport("", "a fox,\n  in snow")).toBe("a fox, in snow");
    const long = ideaForImport("", "word ".repeat(100));
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith("…")).toBe(true);
  });

  it("never cuts a typed idea: one over the limit is refused with both numbers, one at the limit is kept whole", () => {
    const limit = LIMITS.ideaChars;
    const atLimit = `${"a".repeat(limit - 4)} fox`;
    expect(ideaForImport(atLimit, "whatever")).toBe(atLimit);
    const over = `a fox in the snow ${"and more snow ".repeat(200)}`.trim();
    expect(over.length).toBeGreaterThan(limit);
    let thrown: unknown;
    try {
      ideaForImport(over, "masterpiece, 1girl");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    const shown = toShownError(thrown);
    expect(shown.code).toBe("invalid_request");
    expect(shown.message).toContain(`The idea is ${formatCount(over.length)} characters`);
    expect(shown.message).toContain(`the limit is ${formatCount(limit)}`);
    expect(shown.message).toContain(`by ${formatCount(over.length - limit)}`);
    expect(shown.message).toMatch(/nothing was cut or saved/);
  });
});

describe("studio state with an imported recipe", () => {
  const v1 = promptVersion({ prompt: "a fox in the snow" });

  it("fills the prompt, negative prompt and idea, and is no version until saved", () => {
    let s = initialState(undefined, undefined);
    s = studioReducer(s, { type: "ideaText", text: "typed first" });
    s = studioReducer(s, { type: "imported", recipe: a1111, status: "Loaded." });
    expect(s).toMatchObject({
      prompt: a1111.prompt,
      negative: a1111.negativePrompt,
      // No idea in an A1111 image: what the user typed for no idea yet stays.
      ideaText: "typed first",
      currentId: null,
      imported: a1111,
      importStatus: "Loaded.",
    });
    const withIdea = studioReducer(s, {
      type: "imported",
      recipe: { source: "fooocus", prompt: "p", idea: "a red fox", params: {} },
      status: "",
    });
    expect(withIdea.ideaText).toBe("a red fox");
    expect(withIdea.negative).toBe("");
  });

  it("an import over a loaded idea leaves its versions in History, but not its idea text", () => {
    let s = initialState(
      {
        idea: { id: "i1", text: "fox", title: "Fox", createdAt: "" },
        versions: [v1],
        generations: [],
        library: [],
        comparisons: [],
      },
      "v1",
    );
    s = studioReducer(s, { type: "imported", recipe: a1111, status: "Loaded." });
    expect(s.currentId).toBeNull();
    expect(s.versions).toEqual([v1]);
    expect(s.ideaText).toBe("");
    // Choosing a version from History goes back to it and forgets the import.
    s = studioReducer(s, { type: "select", id: "v1" });
    expect(s).toMatchObject({ currentId: "v1", prompt: v1.prompt, imported: null, importStatus: "" });
  });

  it("once saved, the import is the first version of a new idea", () => {
    let s = initialState(
      {
        idea: { id: "i1", text: "fox", title: "Fox", createdAt: "" },
        versions: [v1],
        generations: [],
        library: [],
        comparisons: [],
      },
      "v1",
    );
    s = studioReducer(s, { type: "imported", recipe: a1111, status: "Loaded." });
    const saved: PromptVersion = { ...v1, id: "v9", ideaId: "i9", source: "edit", prompt: a1111.prompt };
    s = studioReducer(s, { type: "importSaved", version: saved, idea: "masterpiece" });
    expect(s).toMatchObject({
      ideaId: "i9",
      ideaText: "masterpiece",
      versions: [saved],
      currentId: "v9",
      imported: null,
      generations: [],
      library: [],
      notice: "Saved as v1 of a new idea.",
    });
  });

  it("a refinement holds the editor: an import during one changes nothing", () => {
    let s = initialState(undefined, undefined);
    s = studioReducer(s, { type: "refineStart", mode: "new" });
    expect(studioReducer(s, { type: "imported", recipe: a1111, status: "x" })).toBe(s);
  });

  it("a problem with the file only says so", () => {
    let s = initialState(
      {
        idea: { id: "i1", text: "fox", title: "Fox", createdAt: "" },
        versions: [v1],
        generations: [],
        library: [],
        comparisons: [],
      },
      "v1",
    );
    s = studioReducer(s, { type: "importStatus", status: "That is not a PNG." });
    expect(s).toMatchObject({ importStatus: "That is not a PNG.", currentId: "v1", prompt: v1.prompt, imported: null });
  });
});
