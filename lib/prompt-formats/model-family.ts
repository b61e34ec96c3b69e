import type { Capabilities } from "@/lib/schemas/catalog";
import type { Dialect } from "@/lib/schemas/common";

/**
 * The model families a Stable Diffusion-style backend may run, and what each one reads: the
 * dialect to write, the text encoder that counts the budget, whether a negative prompt means
 * anything, and the sizes it was trained near. Client-safe (no zod, no environment): the studio
 * and the server decide a checkpoint's family with the same table.
 */
export const MODEL_FAMILY_IDS = ["sd15", "sdxl", "flux-dev", "flux-schnell", "sd3"] as const;
export type ModelFamily = (typeof MODEL_FAMILY_IDS)[number];

export function isModelFamily(v: unknown): v is ModelFamily {
  return typeof v === "string" && (MODEL_FAMILY_IDS as readonly string[]).includes(v);
}

export type Tokenizer = "clip" | "t5";

export type FamilyProfile = {
  label: string;
  dialect: Dialect;
  tokenizer: Tokenizer;
  /** Tokens of text the encoder reads (start and end tokens left out for CLIP). */
  maxPromptTokens: number;
  negativePrompt: boolean;
  sizes: string[];
  defaultSize: string;
  /**
   * Defaults that suit the family (the backend's ranges stay); SD 1.5 and SDXL keep the
   * backend's own steps. Every family sets guidance, so a change of checkpoint never leaves
   * FLUX's low guidance behind.
   */
  stepsDefault?: number;
  guidanceDefault: number;
};

/** SD 1.5 was trained at 512²; 768 on one side is as far as it goes without doubling. */
export const SD15_SIZES = ["512x512", "512x768", "768x512", "768x768"];

/**
 * SDXL's aspect buckets near one megapixel (Stability's SDXL report, appendix; the list every
 * SDXL front end offers), square first, then each landscape bucket with its portrait twin.
 */
export const SDXL_SIZES = [
  "1024x1024",
  "1152x896",
  "896x1152",
  "1216x832",
  "832x1216",
  "1344x768",
  "768x1344",
  "1536x640",
  "640x1536",
];

/** FLUX and SD3 are trained around a megapixel in many aspects too; the SDXL buckets suit them. */
const MEGAPIXEL_SIZES = SDXL_SIZES;

/**
 * T5-XXL budgets: FLUX.1 dev reads 512 T5 tokens and schnell 256 (diffusers' FluxPipeline
 * max_sequence_length, 512 by default and at most 256 for schnell); SD3's pipeline reads 256
 * (diffusers' StableDiffusion3Pipeline max_sequence_length default). CLIP reads 75 of text in
 * its 77-token window, SDXL's two CLIP encoders alike.
 */
export const FAMILY_PROFILES: Record<ModelFamily, FamilyProfile> = {
  sd15: {
    label: "SD 1.5",
    dialect: "tags",
    tokenizer: "clip",
    maxPromptTokens: 75,
    negativePrompt: true,
    sizes: SD15_SIZES,
    defaultSize: "512x512",
    guidanceDefault: 7,
  },
  sdxl: {
    label: "SDXL",
    dialect: "tags",
    tokenizer: "clip",
    maxPromptTokens: 75,
    negativePrompt: true,
    sizes: SDXL_SIZES,
    defaultSize: "1024x1024",
    guidanceDefault: 7,
  },
  "flux-dev": {
    label: "FLUX.1 dev",
    dialect: "prose",
    tokenizer: "t5",
    maxPromptTokens: 512,
    // FLUX dev is guidance-distilled: it is sampled at CFG 1, so a negative prompt is never read.
    negativePrompt: false,
    sizes: MEGAPIXEL_SIZES,
    defaultSize: "1024x1024",
    stepsDefault: 20,
    guidanceDefault: 3.5,
  },
  "flux-schnell": {
    label: "FLUX.1 schnell",
    dialect: "prose",
    tokenizer: "t5",
    maxPromptTokens: 256,
    negativePrompt: false,
    sizes: MEGAPIXEL_SIZES,
    defaultSize: "1024x1024",
    stepsDefault: 4,
    guidanceDefault: 1,
  },
  sd3: {
    label: "SD 3",
    dialect: "prose",
    tokenizer: "t5",
    maxPromptTokens: 256,
    negativePrompt: false,
    sizes: MEGAPIXEL_SIZES,
    defaultSize: "1024x1024",
    stepsDefault: 28,
    guidanceDefault: 4.5,
  },
};

/** Every size any family offers, for a backend whose family is known only per checkpoint. */
export const ALL_FAMILY_SIZES = [...new Set(MODEL_FAMILY_IDS.flatMap((f) => FAMILY_PROFILES[f].sizes))];

function withDefault<R extends { min: number; max: number; default: number }>(range: R, value: number | undefined): R {
  if (value === undefined || value < range.min || value > range.max) return range;
  return { ...range, default: value };
}

/**
 * A backend's own capabilities with a family in force, but every family's sizes kept: what the
 * server checks a generation against, since the checkpoint may change per request.
 */
export function withFamilyDefaults(
  base: Capabilities,
  family: ModelFamily,
  familySource: NonNullable<Capabilities["familySource"]>,
): Capabilities {
  return { ...capabilitiesForFamily(base, family), sizes: base.sizes, familySource };
}

/** A backend's capabilities as they stand for one family: its dialect, budget, negative and sizes. */
export function capabilitiesForFamily(base: Capabilities, family: ModelFamily): Capabilities {
  const p = FAMILY_PROFILES[family];
  return {
    ...base,
    family,
    dialect: p.dialect,
    tokenizer: p.tokenizer,
    maxPromptTokens: p.maxPromptTokens,
    negativePrompt: p.negativePrompt,
    sizes: p.sizes,
    defaultSize: p.defaultSize,
    ...(base.steps ? { steps: withDefault(base.steps, p.stepsDefault) } : {}),
    ...(base.guidance ? { guidance: withDefault(base.guidance, p.guidanceDefault) } : {}),
  };
}
