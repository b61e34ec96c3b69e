import { z } from "zod";
import { MODEL_FAMILY_IDS } from "@/lib/prompt-formats/model-family";
import { DialectSchema } from "./common";

const RangeSchema = z.object({ min: z.number(), max: z.number(), default: z.number() });
export type Range = z.infer<typeof RangeSchema>;

export const CapabilitiesSchema = z.object({
  sizes: z.array(z.string()).min(1),
  defaultSize: z.string(),
  maxImages: z.number().int().min(1),
  seed: z.boolean(),
  negativePrompt: z.boolean(),
  steps: RangeSchema.optional(),
  guidance: RangeSchema.optional(),
  quality: z.array(z.string()).optional(),
  samplers: z.array(z.string()).optional(),
  /** True when the backend loads a model the user picks (listed by GET /api/backends/:id/models). */
  checkpoints: z.boolean().optional(),
  dialect: DialectSchema,
  maxPromptChars: z.number().int().optional(),
  maxPromptTokens: z.number().int().optional(),
  /** Which encoder counts maxPromptTokens: CLIP (counted exactly) or T5 (estimated). */
  tokenizer: z.enum(["clip", "t5"]).optional(),
  /**
   * The model family in force (SD-style backends): it sets dialect, budget, negative prompt and
   * sizes (lib/prompt-formats/model-family.ts). `familySource` says who decides it: the selected
   * checkpoint's name and hash, a setting (A1111_MODEL_FAMILY), or the ComfyUI workflow's declaration.
   */
  family: z.enum(MODEL_FAMILY_IDS).optional(),
  familySource: z.enum(["checkpoint", "setting", "workflow"]).optional(),
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;

export const CatalogSchema = z.object({
  refiners: z.array(
    z.object({ id: z.string(), label: z.string(), configured: z.boolean(), model: z.string(), offline: z.boolean() }),
  ),
  backends: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      configured: z.boolean(),
      offline: z.boolean(),
      model: z.string(),
      /** Which variable turns it on, shown where it is not configured. */
      enableWith: z.string().nullable(),
      capabilities: CapabilitiesSchema,
    }),
  ),
  defaults: z.object({ refiner: z.string(), backend: z.string() }),
  /** True when nothing is configured: the UI says so and names OPENAI_API_KEY. */
  embeddedDefaults: z.boolean(),
  /**
   * The judge that checks images (issue 11), null when JUDGE=off. `autoCheck`: every new image is
   * checked as it is made, so a result card waits for its receipt. Always sent by the server.
   */
  judge: z.object({ id: z.string(), label: z.string(), autoCheck: z.boolean() }).nullable().optional(),
});
export type Catalog = z.infer<typeof CatalogSchema>;
export type CatalogBackend = Catalog["backends"][number];
export type CatalogRefiner = Catalog["refiners"][number];
export type CatalogJudge = NonNullable<Catalog["judge"]>;
