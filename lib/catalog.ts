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
} as const satisfies Record<string, BackendFacts>;

export type BackendId = keyof typeof BACKENDS;
export const BACKEND_IDS = Object.keys(BACKENDS) as BackendId[];

export const REFINERS = {
  offline: { id: "offline", label: "Offline refiner (no model)", offline: true, enableWith: null },
  openai: { id: "openai", label: "OpenAI chat model", offline: false, enableWith: "OPENAI_API_KEY" },
} as const satisfies Record<string, RefinerFacts>;

export type RefinerId = keyof typeof REFINERS;
