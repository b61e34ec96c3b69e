import { z } from "zod";
import { DialectSchema, IdSchema, IsoDateSchema } from "./common";
import { StyleIdSchema } from "./styles";

export const IdeaSchema = z.object({
  id: IdSchema,
  text: z.string(),
  title: z.string(),
  createdAt: IsoDateSchema,
});
export type Idea = z.infer<typeof IdeaSchema>;

export const PromptSourceSchema = z.enum(["refine", "edit"]);

export const PromptVersionSchema = z.object({
  id: IdSchema,
  ideaId: IdSchema,
  parentId: IdSchema.nullable(),
  source: PromptSourceSchema,
  instruction: z.string().nullable(),
  prompt: z.string(),
  negativePrompt: z.string().nullable(),
  style: StyleIdSchema.nullable(),
  dialect: DialectSchema,
  refiner: z.string(),
  model: z.string(),
  title: z.string(),
  notes: z.array(z.string()),
  createdAt: IsoDateSchema,
});
export type PromptVersion = z.infer<typeof PromptVersionSchema>;

export const GenerationStatusSchema = z.enum(["queued", "running", "succeeded", "failed", "canceled"]);
export type GenerationStatus = z.infer<typeof GenerationStatusSchema>;

export const GenerationParamsSchema = z
  .object({
    size: z.string().optional(),
    n: z.number().int().optional(),
    seed: z.number().int().optional(),
    steps: z.number().int().optional(),
    guidance: z.number().optional(),
    quality: z.string().optional(),
    sampler: z.string().optional(),
    /** The model file for backends that load one (A1111, ComfyUI checkpoints). */
    checkpoint: z.string().optional(),
  })
  .strict();
export type GenerationParams = z.infer<typeof GenerationParamsSchema>;

export const ErrorInfoSchema = z.object({ code: z.string(), message: z.string() });
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

export const ImageSchema = z.object({
  id: IdSchema,
  generationId: IdSchema,
  promptId: IdSchema,
  ideaId: IdSchema,
  backend: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  seed: z.number().int().nullable(),
  mime: z.string(),
  byteSize: z.number().int(),
  favorite: z.boolean(),
  createdAt: IsoDateSchema,
  /** The prompt text, so an <img> can carry it as alt text without another request. */
  prompt: z.string(),
});
export type Image = z.infer<typeof ImageSchema>;

export const GenerationSchema = z.object({
  id: IdSchema,
  promptId: IdSchema,
  ideaId: IdSchema,
  backend: z.string(),
  model: z.string(),
  params: GenerationParamsSchema,
  status: GenerationStatusSchema,
  progress: z.number().min(0).max(1),
  error: ErrorInfoSchema.nullable(),
  createdAt: IsoDateSchema,
  startedAt: IsoDateSchema.nullable(),
  finishedAt: IsoDateSchema.nullable(),
  durationMs: z.number().int().nullable(),
});
export type Generation = z.infer<typeof GenerationSchema>;

export const GenerationWithImagesSchema = GenerationSchema.extend({ images: z.array(ImageSchema) });
export type GenerationWithImages = z.infer<typeof GenerationWithImagesSchema>;

export const ImageDetailSchema = ImageSchema.extend({
  version: PromptVersionSchema,
  idea: IdeaSchema,
  generation: GenerationSchema,
});
export type ImageDetail = z.infer<typeof ImageDetailSchema>;

export const IdeaSummarySchema = IdeaSchema.extend({
  versionCount: z.number().int(),
  imageCount: z.number().int(),
  coverImageId: IdSchema.nullable(),
});
export type IdeaSummary = z.infer<typeof IdeaSummarySchema>;

export const IdeaDetailSchema = z.object({
  idea: IdeaSchema,
  versions: z.array(PromptVersionSchema),
  generations: z.array(GenerationWithImagesSchema),
});
export type IdeaDetail = z.infer<typeof IdeaDetailSchema>;

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type Page<T> = { items: T[]; nextCursor: string | null };
