import { z } from "zod";
import { PART_NAMES } from "./names";
import { CheckItemSchema, ImageCheckSchema } from "./checks";
import { DialectSchema, IdSchema, IsoDateSchema } from "./common";
import { StyleIdSchema, StyleSnapshotSchema } from "./styles";

export const IdeaSchema = z.object({
  id: IdSchema,
  text: z.string(),
  title: z.string(),
  createdAt: IsoDateSchema,
});
export type Idea = z.infer<typeof IdeaSchema>;

/** `verbatim`: a prompt typed or pasted in the Studio and kept as written, never refined. */
/** `fix`: a round of a fix loop (issue 11), refined with an instruction naming the checklist's misses. */
export const PromptSourceSchema = z.enum(["refine", "edit", "verbatim", "fix"]);

/** A prompt's anatomy: the parts a refiner writes, shown as chips and lockable one by one. */
export { PART_NAMES };
export const PartNameSchema = z.enum(PART_NAMES);
export type PartName = z.infer<typeof PartNameSchema>;

/** Each part's text as it appears in the prompt (word for word, so a lock can find it); absent when empty. */
export const PromptPartsSchema = z
  .object({
    subject: z.string().optional(),
    setting: z.string().optional(),
    medium: z.string().optional(),
    lighting: z.string().optional(),
    composition: z.string().optional(),
    palette: z.string().optional(),
    details: z.string().optional(),
    negative: z.string().optional(),
  })
  .strict();
export type PromptParts = z.infer<typeof PromptPartsSchema>;

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
  /** The anatomy as the refiner returned it; null when unknown (an old row, or a hand edit that rewrote it). */
  parts: PromptPartsSchema.nullable(),
  /** Parts whose text later refinements must keep word for word. Children inherit them. */
  locks: z.array(PartNameSchema),
  /** For one of several candidates: the direction it was asked to take ("Faithful", "Bolder: …"). */
  direction: z.string().nullable(),
  /** When its owner approved it (issue 10: the version a stakeholder signed off); null until then. */
  approvedAt: IsoDateSchema.nullable(),
  /** What the idea demands, item by item (issue 11): what a judge checks each image against. */
  checks: z.array(CheckItemSchema),
  createdAt: IsoDateSchema,
  /** The house rules version (issue 13) its refinement followed; absent when none was (unset, switched off, not refined). */
  houseRulesVersion: z.number().int().min(1).optional(),
  /**
   * The style it was refined in as it was then (issue 13): id, name and parts, so the recipe still
   * says what was used after an own style is edited or deleted. Absent: no style, or an older row.
   */
  styleUsed: StyleSnapshotSchema.optional(),
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
  /**
   * SHA-256 (hex) of the full image's bytes, which version its thumbnail's URL (issue 12); absent
   * for images stored before migration 0012.
   */
  contentHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
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
  /** Its latest check by a judge (issue 11), or null when it was never checked. */
  check: ImageCheckSchema.nullable(),
});
export type ImageDetail = z.infer<typeof ImageDetailSchema>;

/** A small picture of an idea on the Ideas page; `prompt` (its version's) is the img's alt text. */
export const IdeaThumbSchema = z.object({
  id: IdSchema,
  width: z.number().int(),
  height: z.number().int(),
  prompt: z.string(),
  /** As Image's: versions the thumbnail's URL (issue 12). */
  contentHash: z.string().optional(),
});
export type IdeaThumb = z.infer<typeof IdeaThumbSchema>;

export const IdeaSummarySchema = IdeaSchema.extend({
  versionCount: z.number().int(),
  imageCount: z.number().int(),
  coverImageId: IdSchema.nullable(),
  /** The newest version's prompt. */
  latestPrompt: z.string(),
  /** The latest of its creation and its versions' and generations' creation: the list's order. */
  lastActivityAt: IsoDateSchema,
  /** Its newest images, up to 6, newest first. */
  thumbs: z.array(IdeaThumbSchema),
  /** Issue 11: the best latest-check score (0..1) among its images; null when none was checked. */
  bestScore: z.number().nullable(),
});
export type IdeaSummary = z.infer<typeof IdeaSummarySchema>;

/** A version kept in the Library under a name. A snapshot: it outlives the idea it came from. */
export const LibraryEntrySchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** The version it was starred from; null once that idea is deleted. */
  versionId: IdSchema.nullable(),
  ideaId: IdSchema.nullable(),
  ideaText: z.string(),
  prompt: z.string(),
  negativePrompt: z.string().nullable(),
  style: StyleIdSchema.nullable(),
  dialect: DialectSchema,
  parts: PromptPartsSchema.nullable(),
  createdAt: IsoDateSchema,
});
export type LibraryEntry = z.infer<typeof LibraryEntrySchema>;

/** One cell of a comparison grid: a version on a backend, and the generation that renders it. */
export const ComparisonCellSchema = z.object({
  position: z.number().int(),
  label: z.string(),
  versionId: IdSchema,
  backend: z.string(),
  generationId: IdSchema,
});
export type ComparisonCell = z.infer<typeof ComparisonCellSchema>;

/** 2–4 versions on one backend, or one version on 2–4 backends, all with one seed and parameters. */
export const ComparisonSchema = z.object({
  id: IdSchema,
  ideaId: IdSchema,
  kind: z.enum(["versions", "backends"]),
  seed: z.number().int(),
  params: GenerationParamsSchema,
  title: z.string(),
  cells: z.array(ComparisonCellSchema),
  createdAt: IsoDateSchema,
});
export type Comparison = z.infer<typeof ComparisonSchema>;

/** GET /api/comparisons/:id: the comparison with what each cell needs to be drawn. */
export const ComparisonDetailSchema = ComparisonSchema.extend({
  idea: IdeaSchema,
  versions: z.array(PromptVersionSchema),
  generations: z.array(GenerationWithImagesSchema),
});
export type ComparisonDetail = z.infer<typeof ComparisonDetailSchema>;

export const IdeaDetailSchema = z.object({
  idea: IdeaSchema,
  versions: z.array(PromptVersionSchema),
  generations: z.array(GenerationWithImagesSchema),
  /** Library entries starred from this idea's versions. */
  library: z.array(LibraryEntrySchema),
  /** Saved comparisons of this idea, newest first. */
  comparisons: z.array(ComparisonSchema),
});
export type IdeaDetail = z.infer<typeof IdeaDetailSchema>;

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type Page<T> = { items: T[]; nextCursor: string | null };
