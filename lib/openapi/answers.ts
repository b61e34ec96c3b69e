import { z } from "zod";
import { RecipeSchema } from "@/lib/png/recipe";
import { CatalogSchema } from "@/lib/schemas/catalog";
import { FixLoopSchema, ImageCheckSchema } from "@/lib/schemas/checks";
import { IdSchema } from "@/lib/schemas/common";
import {
  ComparisonDetailSchema,
  ComparisonSchema,
  GenerationSchema,
  GenerationWithImagesSchema,
  IdeaDetailSchema,
  IdeaSchema,
  IdeaSummarySchema,
  ImageDetailSchema,
  ImageSchema,
  LibraryEntrySchema,
  PromptVersionSchema,
  pageSchema,
} from "@/lib/schemas/entities";
import { ErrorBodySchema } from "@/lib/schemas/api";
import {
  CreatedShareSchema,
  FeedbackSchema,
  IdeaFeedbackSchema,
  ShareSchema,
  SharedViewSchema,
} from "@/lib/schemas/shares";

/*
 * The shapes of answers that had no zod schema of their own (the routes answer what their use
 * cases return): written to describe what they really send, for the OpenAPI document and its
 * test (tests/unit/openapi-answers.test.ts), which checks real answers against them. Not parsed at
 * runtime: the routes' answers stay as they are.
 */

/** GET /api/health. */
export const HealthSchema = z.object({ ok: z.literal(true), version: z.string() });

/** GET /api/ready (lib/studio/readiness.ts); not ready is a 503 error whose details name which. */
export const ReadinessSchema = z.object({ ok: z.literal(true), database: z.literal("ok"), storage: z.literal("ok") });

/** GET /api/backends/:id/checkpoints: the model files the backend can load. */
export const CheckpointsSchema = z.object({ checkpoints: z.array(z.string()) });

/** POST /api/tokenize (lib/studio/prompt-length.ts): tokens are null where the backend counts none (tokenizer null). */
export const PromptLengthSchema = z.object({
  chars: z.number().int(),
  maxChars: z.number().int().nullable(),
  tokens: z.number().int().nullable(),
  maxTokens: z.number().int().nullable(),
  /** Whose tokens were counted: CLIP's exactly; T5's estimated. */
  tokenizer: z.enum(["clip", "t5"]).nullable(),
  /** True when `tokens` is an estimate. */
  estimated: z.boolean(),
});

/** POST /api/auth/login as JSON: where the sign-in page goes next (a same-site path). */
export const SignedInSchema = z.object({ ok: z.literal(true), next: z.string() });

/** POST /api/s/:token/feedback: nothing echoed (visitors never see one another's notes). */
export const OkSchema = z.object({ ok: z.literal(true) });

/** A candidate that failed while the others were saved (lib/studio/refine.ts). */
export const CandidateFailureSchema = z.object({
  index: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }),
});

/** POST /api/refine with `candidates` ≥ 2: the saved candidates and the ones that failed. */
export const CandidatesResultSchema = z.object({
  items: z.array(PromptVersionSchema),
  failed: z.array(CandidateFailureSchema),
});

/** POST /api/library/:id/use: a new idea whose first version is the entry's prompt. */
export const StartedIdeaSchema = z.object({ idea: IdeaSchema, version: PromptVersionSchema });

export const ImagePageSchema = pageSchema(ImageSchema);
export const IdeaPageSchema = pageSchema(IdeaSummarySchema);
export const LibraryPageSchema = pageSchema(LibraryEntrySchema);
export const ComparisonListSchema = z.object({ items: z.array(ComparisonSchema) });
export const ShareListSchema = z.object({ items: z.array(ShareSchema) });

/** A generation as its events stream sends it: with its place in its backend's queue (null once it left). */
export const QueuedGenerationSchema = GenerationSchema.extend({
  ahead: z.number().int().nullable(),
  /** Present when the state was read again from the database (the bus missed something). */
  images: z.array(ImageSchema).optional(),
});

/** The error event of a stream: the error shape's code and message, and the thing that failed. */
const streamErrorInfo = z.object({ code: z.string(), message: z.string() });
export const GenerationFailedEventSchema = z.object({ error: streamErrorInfo, generation: GenerationSchema });
export const FixLoopFailedEventSchema = z.object({ error: streamErrorInfo, loop: FixLoopSchema });

export const ProgressEventSchema = z.object({ progress: z.number().min(0).max(1) });
export const PreviewEventSchema = z.object({
  mime: z.string(),
  /** The frame's bytes, base64. */
  data: z.string(),
});
export const RetryEventSchema = z.object({ attempt: z.number().int(), delayMs: z.number(), reason: z.string() });
export const CheckEventSchema = z.object({ imageId: IdSchema, check: ImageCheckSchema });

/** POST /api/refine's stream: text as it comes (`reset`: the refiner rewrote what it had sent). */
export const RefineDeltaSchema = z.object({
  text: z.string(),
  reset: z.literal(true).optional(),
  /** For candidates: which one (0-based). */
  candidate: z.number().int().optional(),
});
export const CandidateSavedSchema = z.object({ index: z.number().int(), version: PromptVersionSchema });

/**
 * Schemas shown under their own names in components.schemas: the entities and shared shapes.
 * A schema used by an operation that is not listed here gets a name made from the operation's.
 */
export const NAMED_SCHEMAS: ReadonlyArray<readonly [z.ZodType, string]> = [
  [ErrorBodySchema, "Error"],
  [IdeaSchema, "Idea"],
  [PromptVersionSchema, "PromptVersion"],
  [ImageSchema, "Image"],
  [ImageDetailSchema, "ImageDetail"],
  [GenerationSchema, "Generation"],
  [GenerationWithImagesSchema, "GenerationWithImages"],
  [QueuedGenerationSchema, "QueuedGeneration"],
  [IdeaSummarySchema, "IdeaSummary"],
  [IdeaDetailSchema, "IdeaDetail"],
  [LibraryEntrySchema, "LibraryEntry"],
  [ComparisonSchema, "Comparison"],
  [ComparisonDetailSchema, "ComparisonDetail"],
  [CatalogSchema, "Catalog"],
  [ImageCheckSchema, "ImageCheck"],
  [FixLoopSchema, "FixLoop"],
  [ShareSchema, "Share"],
  [CreatedShareSchema, "CreatedShare"],
  [FeedbackSchema, "Feedback"],
  [IdeaFeedbackSchema, "IdeaFeedback"],
  [SharedViewSchema, "SharedView"],
  [RecipeSchema, "Recipe"],
  [ImagePageSchema, "ImagePage"],
  [IdeaPageSchema, "IdeaPage"],
  [LibraryPageSchema, "LibraryPage"],
  [CandidatesResultSchema, "CandidatesResult"],
];
