import { ApiError } from "@/lib/client/api-error";
import { formatCount, formatSize } from "@/lib/client/format";
import type { ImportedParams, ImportedRecipe, ImportSource } from "@/lib/png";
import type { Capabilities, CatalogBackend } from "@/lib/schemas/catalog";
import { LIMITS } from "@/lib/schemas/limits";
import { type ComposeSettings, fitToBackend, MAX_SEED } from "../generations/compose-settings";

/**
 * From a recipe read out of an image (see lib/png) to the studio: which of its parameters the
 * chosen backend can take, and what to say about the rest. Pure, so the mapping is tested alone.
 */

export const IMPORT_SOURCE_LABEL: Record<ImportSource, string> = {
  promptsmith: "Promptsmith",
  a1111: "AUTOMATIC1111",
  fooocus: "Fooocus",
  comfyui: "ComfyUI",
};

/** "a Fooocus image", "an AUTOMATIC1111 image". */
export function imageFrom(source: ImportSource): string {
  const label = IMPORT_SOURCE_LABEL[source];
  return `${/^[AEIOU]/.test(label) ? "an" : "a"} ${label} image`;
}

export type ParamKey = "size" | "seed" | "steps" | "guidance" | "sampler" | "checkpoint";

/** In the order the parameter panel shows them. */
const ORDER: ParamKey[] = ["size", "checkpoint", "sampler", "seed", "steps", "guidance"];

export type ParamsFit = {
  /** The settings to change; every value in it is one the backend takes. */
  patch: Partial<ComposeSettings>;
  /** The parameters that were applied. */
  applied: ParamKey[];
  /**
   * The parameters the image carries that the backend cannot take, each with why, in words
   * ("Size 512 × 768: not one of its sizes."), "it" being the backend, named where they are shown.
   */
  skipped: { key: ParamKey; note: string }[];
};

function rangeNote(
  name: string,
  value: number,
  range: { min: number; max: number } | undefined,
  integer: boolean,
): string | null {
  if (!range) return `${name} ${value}: it has no ${name.toLowerCase()} setting.`;
  if (value < range.min || value > range.max || (integer && !Number.isInteger(value))) {
    return `${name} ${value}: outside its range (${range.min} to ${range.max}).`;
  }
  return null;
}

/** The recipe's parameters, fitted to a backend: what to set, and what is left out and why. */
export function fitRecipeParams(params: ImportedParams, caps: Capabilities): ParamsFit {
  const patch: Partial<ComposeSettings> = {};
  const applied = new Set<ParamKey>();
  const skipped: ParamsFit["skipped"] = [];
  const skip = (key: ParamKey, note: string) => skipped.push({ key, note });

  if (params.size !== undefined) {
    if (caps.sizes.includes(params.size)) {
      patch.size = params.size;
      applied.add("size");
    } else skip("size", `Size ${formatSize(params.size)}: not one of its sizes.`);
  }

  if (params.checkpoint?.trim()) {
    if (caps.checkpoints) {
      patch.checkpoint = params.checkpoint.trim();
      applied.add("checkpoint");
    } else skip("checkpoint", `Checkpoint ${params.checkpoint}: it loads no checkpoint.`);
  }

  if (params.sampler?.trim()) {
    const wanted = params.sampler.trim().toLowerCase();
    const match = caps.samplers?.find((s) => s.toLowerCase() === wanted);
    if (match) {
      patch.sampler = match;
      applied.add("sampler");
    } else if (!caps.samplers?.length) {
      skip("sampler", `Sampler ${params.sampler}: it has no sampler setting.`);
    } else skip("sampler", `Sampler ${params.sampler}: not one it offers.`);
  }

  if (params.seed !== undefined) {
    if (!caps.seed) skip("seed", `Seed ${params.seed}: it takes no seed.`);
    else if (!Number.isSafeInteger(params.seed) || params.seed < 0 || params.seed > MAX_SEED) {
      skip("seed", `Seed ${params.seed}: beyond its range (0 to ${MAX_SEED}), so Random stays on.`);
    } else {
      patch.randomSeed = false;
      patch.seed = String(params.seed);
      applied.add("seed");
    }
  }

  if (params.steps !== undefined) {
    const note = rangeNote("Steps", params.steps, caps.steps, true);
    if (note) skip("steps", note);
    else {
      patch.steps = String(params.steps);
      applied.add("steps");
    }
  }

  if (params.guidance !== undefined) {
    const note = rangeNote("Guidance", params.guidance, caps.guidance, false);
    if (note) skip("guidance", note);
    else {
      patch.guidance = String(params.guidance);
      applied.add("guidance");
    }
  }

  skipped.sort((a, b) => ORDER.indexOf(a.key) - ORDER.indexOf(b.key));
  return { patch, applied: ORDER.filter((k) => applied.has(k)), skipped };
}

/**
 * The settings once an image's recipe is loaded: its parameters where the backend takes them,
 * the backend's defaults for the rest of what a recipe governs (so nothing from an earlier
 * image or choice lingers as if it came from this one). Style, backend, image count and
 * quality stay as the user chose.
 */
export function settingsFromRecipe(
  s: ComposeSettings,
  params: ImportedParams,
  caps: Capabilities,
): { settings: ComposeSettings; fit: ParamsFit } {
  const fit = fitRecipeParams(params, caps);
  const cleared = fitToBackend(
    {
      ...s,
      size: caps.defaultSize,
      randomSeed: true,
      seed: "",
      sampler: null,
      checkpoint: null,
      steps: "",
      guidance: "",
    },
    caps,
  );
  return { settings: { ...cleared, ...fit.patch }, fit };
}

/** "a", "a and b", "a, b and c". */
function listWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

const settingsWord = (n: number) => `${n} ${n === 1 ? "setting" : "settings"}`;

/**
 * What of the image the backend cannot use, as one sentence ("Not used by X: negative prompt,
 * size and steps."), or "". The notes under the status say why, item by item.
 */
export function notUsedSentence(recipe: ImportedRecipe, caps: Capabilities, backend: string): string {
  const left = [
    ...(recipe.negativePrompt?.trim() && !caps.negativePrompt ? ["negative prompt"] : []),
    ...fitRecipeParams(recipe.params, caps).skipped.map((s) => s.key),
  ];
  return left.length ? `Not used by ${backend}: ${listWords(left)}.` : "";
}

/** The status line after a load: "Loaded the prompt, the negative prompt and 6 settings from an AUTOMATIC1111 image." */
export function importSummary(recipe: ImportedRecipe, fit: ParamsFit, caps: Capabilities): string {
  const parts = [
    "the prompt",
    ...(recipe.negativePrompt?.trim() && caps.negativePrompt ? ["the negative prompt"] : []),
    ...(recipe.idea?.trim() ? ["the idea"] : []),
    ...(fit.applied.length ? [settingsWord(fit.applied.length)] : []),
  ];
  return `Loaded ${listWords(parts)} from ${imageFrom(recipe.source)}.`;
}

/** The status line after switching backend while an imported prompt is unsaved. */
export function refitSummary(fit: ParamsFit, backend: string): string {
  const uses = fit.applied.length ? settingsWord(fit.applied.length) : "none of the settings";
  return `${backend} uses ${uses} from the image.`;
}

/**
 * Where the image's negative prompt stands with this backend: null when it has none or the
 * backend shows it; else what to say ("it" being the backend) and which backends would take it.
 */
export function negativeHint(
  recipe: ImportedRecipe,
  caps: Capabilities,
  backends: readonly CatalogBackend[],
): { note: string; switchTo: CatalogBackend[]; enableWith: string[] } | null {
  if (!recipe.negativePrompt?.trim() || caps.negativePrompt) return null;
  const takers = backends.filter((b) => b.capabilities.negativePrompt);
  return {
    note: "Negative prompt: it takes none. The image's is kept, and saved with the prompt.",
    switchTo: takers.filter((b) => b.configured),
    enableWith: takers.filter((b) => !b.configured && b.enableWith).map((b) => b.enableWith as string),
  };
}

/**
 * The idea an imported prompt is saved under (POST /api/prompts needs one): what the Idea box
 * says, or else the prompt itself, flattened and cut short with a visible "…". A typed idea
 * over the limit is refused, never cut: saving a shortened or substituted idea would file the
 * prompt under words the person did not write. The Idea box already says how much to shorten.
 */
export function ideaForImport(ideaText: string, prompt: string): string {
  const typed = ideaText.trim();
  if (typed.length > LIMITS.ideaChars) {
    const over = typed.length - LIMITS.ideaChars;
    throw new ApiError(
      "invalid_request",
      `The idea is ${formatCount(typed.length)} characters; the limit is ${formatCount(LIMITS.ideaChars)}. Shorten it in the Idea box by ${formatCount(over)} to save this prompt: nothing was cut or saved.`,
    );
  }
  if (typed) return typed;
  const flat = prompt.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 199).trimEnd()}…` : flat;
}
