import { ALL_FAMILY_SIZES } from "./prompt-formats/model-family";
import type { Capabilities } from "./schemas/catalog";

/** Client-safe facts about the refiners and image backends: no SDKs, no environment. */

export type BackendFacts = {
  id: string;
  label: string;
  offline: boolean;
  /** The variable that turns it on, or null for the embedded default. */
  enableWith: string | null;
  capabilities: Capabilities;
};

export type RefinerFacts = { id: string; label: string; offline: boolean; enableWith: string | null };

export const OFFLINE_BACKEND_LABEL = "Offline sketch (no model)";

/**
 * Sizes Stable Diffusion-style checkpoints are trained near: SD 1.5 at 512, SDXL, FLUX and SD3 at
 * about a megapixel. A request may use any of them; the studio offers the selected family's.
 */
const SD_SIZES = ALL_FAMILY_SIZES;

export const BACKENDS = {
  offline: {
    id: "offline",
    label: OFFLINE_BACKEND_LABEL,
    offline: true,
    enableWith: null,
    capabilities: {
      sizes: ["512x512", "768x768", "1024x1024", "1024x768", "768x1024", "1536x1024", "1024x1536"],
      defaultSize: "1024x1024",
      maxImages: 4,
      seed: true,
      negativePrompt: false,
      dialect: "prose",
      maxPromptChars: 4000,
    },
  },
  openai: {
    id: "openai",
    label: "OpenAI Images",
    offline: false,
    enableWith: "OPENAI_API_KEY",
    capabilities: {
      // The standard sizes every GPT image model takes (the contract's CreateImageRequest.size).
      sizes: ["1024x1024", "1536x1024", "1024x1536"],
      defaultSize: "1024x1024",
      maxImages: 4,
      seed: false,
      negativePrompt: false,
      quality: ["auto", "low", "medium", "high"],
      dialect: "prose",
      maxPromptChars: 32000,
    },
  },
  automatic1111: {
    id: "automatic1111",
    label: "AUTOMATIC1111 / Forge",
    offline: false,
    enableWith: "A1111_URL",
    capabilities: {
      sizes: SD_SIZES,
      defaultSize: "512x512",
      maxImages: 4,
      seed: true,
      negativePrompt: true,
      steps: { min: 1, max: 150, default: 25 },
      guidance: { min: 1, max: 30, default: 7 },
      samplers: ["DPM++ 2M", "Euler a", "Euler", "DPM++ 2M Karras", "DPM++ SDE", "DDIM", "UniPC"],
      checkpoints: true,
      dialect: "tags",
      // CLIP reads 77 tokens at a time, start and end tokens included: 75 of text. A1111 chains
      // more chunks, but the first carries the weight.
      maxPromptTokens: 75,
      maxPromptChars: 4000,
      // SD 1.5 until the checkpoint's name or hash (or A1111_MODEL_FAMILY) says otherwise.
      tokenizer: "clip",
      family: "sd15",
      familySource: "checkpoint",
    },
  },
  comfyui: {
    id: "comfyui",
    label: "ComfyUI",
    offline: false,
    enableWith: "COMFYUI_URL",
    capabilities: {
      sizes: SD_SIZES,
      defaultSize: "512x512",
      maxImages: 4,
      seed: true,
      negativePrompt: true,
      steps: { min: 1, max: 150, default: 20 },
      guidance: { min: 1, max: 30, default: 7 },
      samplers: ["euler", "euler_ancestral", "dpmpp_2m", "dpmpp_sde", "ddim", "uni_pc"],
      checkpoints: true,
      dialect: "tags",
      maxPromptTokens: 75,
      maxPromptChars: 4000,
      // The workflow may declare its family (lib/backends/comfyui/declaration.ts); else the checkpoint's name.
      tokenizer: "clip",
      family: "sd15",
      familySource: "checkpoint",
    },
  },
} as const satisfies Record<string, BackendFacts>;

export type BackendId = keyof typeof BACKENDS;
export const BACKEND_IDS = Object.keys(BACKENDS) as BackendId[];

export const REFINERS = {
  offline: { id: "offline", label: "Offline refiner (no model)", offline: true, enableWith: null },
  openai: { id: "openai", label: "OpenAI chat model", offline: false, enableWith: "OPENAI_API_KEY" },
} as const satisfies Record<string, RefinerFacts>;

export type RefinerId = keyof typeof REFINERS;
