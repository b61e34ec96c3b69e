import { z } from "zod";
import { MAX_CHECKS } from "./limits";
import { CHECK_KINDS } from "./names";
import { IdSchema, IsoDateSchema } from "./common";

/*
 * Does the image match the idea? (issue 11). A version carries a checklist of what its idea asks
 * for; a judge answers each item for one image; a fix loop refines, generates and checks again
 * until the misses are gone. Client-safe: the routes, the receipts and the loop view use these.
 */

export { CHECK_KINDS, MAX_CHECKS };
export const CheckKindSchema = z.enum(CHECK_KINDS);
export type CheckKind = z.infer<typeof CheckKindSchema>;

/**
 * One atomic, checkable statement of what the idea demands ("there are two foxes", "the umbrella is
 * red", "the sign reads “OPEN”"). `words`: the idea's own words it comes from (may be empty for an
 * item a person added by hand).
 */
export const CheckItemSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(32)
      .regex(/^[A-Za-z0-9_-]+$/),
    text: z.string().trim().min(1).max(200),
    kind: CheckKindSchema,
    words: z.array(z.string().max(80)).max(12).default([]),
  })
  .strict();
export type CheckItem = z.infer<typeof CheckItemSchema>;

export const ChecklistSchema = z.array(CheckItemSchema).max(MAX_CHECKS);

export const VerdictSchema = z.enum(["pass", "fail", "unsure"]);
export type Verdict = z.infer<typeof VerdictSchema>;

export const JudgeInfoSchema = z.object({
  /** "openai" or "offline". */
  id: z.string(),
  /** "Offline check (no model)" for the offline judge; the model's name otherwise. */
  label: z.string(),
  model: z.string(),
});
export type JudgeInfo = z.infer<typeof JudgeInfoSchema>;

export const CheckResultItemSchema = z.object({
  checkId: z.string(),
  text: z.string(),
  kind: CheckKindSchema,
  verdict: VerdictSchema,
  /** One short sentence; "" never: the judge says why, even for a pass. */
  reason: z.string(),
});
export type CheckResultItem = z.infer<typeof CheckResultItemSchema>;

/** POST /api/images/:id/check's answer, and `check` on GET /api/images/:id (the latest, or null). */
export const ImageCheckSchema = z.object({
  imageId: IdSchema,
  judge: JudgeInfoSchema,
  /** Passes ÷ items, 0..1 (0 for an empty checklist, which is never judged: 400). */
  score: z.number().min(0).max(1),
  items: z.array(CheckResultItemSchema),
  createdAt: IsoDateSchema,
});
export type ImageCheck = z.infer<typeof ImageCheckSchema>;

export const FixLoopStatusSchema = z.enum(["running", "done", "canceled", "failed"]);
export const FixLoopReasonSchema = z.enum(["all_passed", "no_better", "max_rounds", "canceled", "error"]);

export const FixRoundSchema = z.object({
  versionId: IdSchema,
  generationId: IdSchema,
  /** Null until the round's image exists (generation running) or when it failed. */
  imageId: IdSchema.nullable(),
  /** Null until the round's image is checked. */
  score: z.number().min(0).max(1).nullable(),
});
export type FixRound = z.infer<typeof FixRoundSchema>;

export const FIX_LIMITS = { defaultRounds: 3, maxRounds: 5 } as const;

export const FixLoopSchema = z.object({
  id: IdSchema,
  imageId: IdSchema,
  status: FixLoopStatusSchema,
  maxRounds: z.number().int().min(1).max(FIX_LIMITS.maxRounds),
  reason: FixLoopReasonSchema.nullable(),
  rounds: z.array(FixRoundSchema),
  /** The best image so far: the starting image until a round beats it. */
  bestImageId: IdSchema.nullable(),
  /** What went wrong when status is failed (the error shape's code and message). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: IsoDateSchema,
  finishedAt: IsoDateSchema.nullable(),
});
export type FixLoop = z.infer<typeof FixLoopSchema>;

export const FixBodySchema = z
  .object({ maxRounds: z.number().int().min(1).max(FIX_LIMITS.maxRounds).optional() })
  .strict();
export type FixBody = z.infer<typeof FixBodySchema>;
