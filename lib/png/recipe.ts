import { z } from "zod";
import { DialectSchema, IdSchema, IsoDateSchema, SizeSchema } from "@/lib/schemas/common";
import { CheckResultItemSchema, JudgeInfoSchema } from "@/lib/schemas/checks";
import { GenerationParamsSchema } from "@/lib/schemas/entities";

/**
 * The image's latest check (issue 11), as its recipe carries it. A check this version cannot read
 * (a newer item kind, say) is dropped rather than making the whole recipe unreadable.
 */
export const RecipeCheckSchema = z.object({
  judge: JudgeInfoSchema,
  score: z.number().min(0).max(1),
  items: z.array(CheckResultItemSchema),
  createdAt: IsoDateSchema,
});
export type RecipeCheck = z.infer<typeof RecipeCheckSchema>;

/** The iTXt keyword of our own JSON recipe. */
export const RECIPE_KEYWORD = "promptsmith";
/** The keyword A1111 (and everything that copies it) keeps its infotext under. */
export const PARAMETERS_KEYWORD = "parameters";

/**
 * Everything needed to make an image again and to see where it came from: version 1 of the
 * JSON we embed in every PNG (and offer beside other formats). Written from typed rows;
 * validated when read back, because a dropped file can hold anything.
 *
 * Lenient where a newer Promptsmith might add things (unknown keys are dropped, a style id
 * this version does not know is kept as a string), strict where a wrong value would mislead.
 */
export const RecipeSchema = z.object({
  version: z.literal(1),
  idea: z.object({ id: IdSchema, text: z.string() }),
  prompt: z.object({
    id: IdSchema,
    text: z.string(),
    negative: z.string().nullable(),
    /** The version's ancestors, oldest first; not the version itself. */
    lineage: z.array(IdSchema),
    refiner: z.string(),
    model: z.string(),
    style: z.string().nullable(),
    dialect: DialectSchema,
    /** When the owner approved this version (issue 10); absent when not approved, and in older files. */
    approvedAt: IsoDateSchema.optional(),
    /** The house rules its refinement followed (issue 13); absent when none did, and in older files. */
    houseRules: z
      .object({ version: z.number().int().min(1), text: z.string() })
      .optional()
      .catch(undefined),
  }),
  backend: z.string(),
  model: z.string(),
  // Not .strict() like the API's: a file from a newer version may carry a parameter we lack.
  params: z.object(GenerationParamsSchema.shape),
  /** The seed the image was made with, when the backend reports one (may differ from params.seed). */
  seed: z.number().int().nullable(),
  timings: z.object({ createdAt: IsoDateSchema, durationMs: z.number().int().nonnegative().nullable() }),
  /** The image's latest check (issue 11); absent before it is checked, and in older files. */
  check: RecipeCheckSchema.optional().catch(undefined),
  app: z.literal("Promptsmith"),
});
export type Recipe = z.infer<typeof RecipeSchema>;

export const ImportSourceSchema = z.enum(["promptsmith", "a1111", "fooocus", "comfyui"]);
export type ImportSource = z.infer<typeof ImportSourceSchema>;

/** What an image's metadata says about how it was made, whichever tool made it. */
export const ImportedRecipeSchema = z.object({
  source: ImportSourceSchema,
  prompt: z.string(),
  negativePrompt: z.string().optional(),
  params: z.object({
    size: SizeSchema.optional(),
    seed: z.number().int().optional(),
    steps: z.number().int().optional(),
    guidance: z.number().optional(),
    sampler: z.string().optional(),
    checkpoint: z.string().optional(),
  }),
  /** The rough text the prompt grew from, where the tool keeps it (Promptsmith's idea, Fooocus's raw prompt). */
  idea: z.string().optional(),
});
export type ImportedRecipe = z.infer<typeof ImportedRecipeSchema>;
export type ImportedParams = ImportedRecipe["params"];
