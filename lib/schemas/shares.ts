import { z } from "zod";
import { FEEDBACK_LIMITS } from "./limits";
import { IdSchema, IsoDateSchema } from "./common";
import { GenerationParamsSchema } from "./entities";

/*
 * Sharing with people who have no password (issue 10): a read-only link /s/<token> to one idea,
 * comparison or image, with optional feedback. Client-safe: the Share page, the owner's lists and
 * the routes all use these shapes.
 */

export const ShareKindSchema = z.enum(["idea", "comparison", "image"]);
export type ShareKind = z.infer<typeof ShareKindSchema>;

export const ShareTargetSchema = z.object({ kind: ShareKindSchema, id: IdSchema }).strict();
export type ShareTarget = z.infer<typeof ShareTargetSchema>;

/** Limits on what a visitor may send. */
export { FEEDBACK_LIMITS };

/** A share as its owner sees it: never the token (only its hash is stored; the URL is shown once). */
export const ShareSchema = z.object({
  id: IdSchema,
  target: ShareTargetSchema,
  /** The idea the target belongs to (for the idea page's Shared links list). */
  ideaId: IdSchema,
  /** A short label of what it names ("Idea: …", "Comparison: …", "Image of …"), for the all-links page. */
  label: z.string(),
  expiresAt: IsoDateSchema.nullable(),
  feedback: z.boolean(),
  createdAt: IsoDateSchema,
  revokedAt: IsoDateSchema.nullable(),
});
export type Share = z.infer<typeof ShareSchema>;

/** POST /api/shares' 201: the share plus its path `/s/<token>`, shown this once. */
export const CreatedShareSchema = ShareSchema.extend({ url: z.string() });
export type CreatedShare = z.infer<typeof CreatedShareSchema>;

export const CreateShareBodySchema = z
  .object({
    target: ShareTargetSchema,
    /** In the future; null or absent: never expires. */
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
    feedback: z.boolean().optional(),
  })
  .strict();
export type CreateShareBody = z.infer<typeof CreateShareBodySchema>;

export const SharesQuerySchema = z
  .object({ kind: ShareKindSchema.optional(), id: IdSchema.optional() })
  .strict()
  .refine((q) => (q.kind === undefined) === (q.id === undefined), "give kind and id together, or neither");
export type SharesQuery = z.infer<typeof SharesQuerySchema>;

const visitorName = z
  .string()
  .trim()
  .min(1, "say who you are")
  .max(FEEDBACK_LIMITS.nameChars, `at most ${FEEDBACK_LIMITS.nameChars} characters`);
const visitorComment = z
  .string()
  .trim()
  .min(1, "the comment is empty")
  .max(FEEDBACK_LIMITS.commentChars, `at most ${FEEDBACK_LIMITS.commentChars} characters`);

/** POST /api/s/:token/feedback: a comment (on the target, or on one of its images), a vote for an image, or both. */
export const FeedbackBodySchema = z
  .object({
    name: visitorName,
    comment: visitorComment.optional(),
    imageId: IdSchema.optional(),
    vote: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.comment !== undefined || b.vote !== undefined, "send a comment, a vote, or both")
  .refine((b) => b.vote === undefined || b.imageId !== undefined, "a vote is for an image: give imageId");
export type FeedbackBody = z.infer<typeof FeedbackBodySchema>;

/** One visitor's note or vote, as the owner sees it. `vote`: true for, false to take a vote back. */
export const FeedbackSchema = z.object({
  id: IdSchema,
  shareId: IdSchema,
  ideaId: IdSchema,
  imageId: IdSchema.nullable(),
  name: z.string(),
  comment: z.string().nullable(),
  vote: z.boolean().nullable(),
  createdAt: IsoDateSchema,
});
export type Feedback = z.infer<typeof FeedbackSchema>;

/** GET /api/ideas/:id/feedback: every note, oldest first, and the current votes per image (a visitor's last word counts). */
export const IdeaFeedbackSchema = z.object({
  items: z.array(FeedbackSchema),
  votes: z.array(z.object({ imageId: IdSchema, count: z.number().int(), names: z.array(z.string()) })),
});
export type IdeaFeedback = z.infer<typeof IdeaFeedbackSchema>;

/*
 * GET /api/s/:token: what the shared page shows, and nothing more. No ids of anything the share
 * does not name; image URLs are scoped to the share (/api/s/<token>/images/<imageId>/file|thumb).
 */

export const SharedImageSchema = z.object({
  id: IdSchema,
  width: z.number().int(),
  height: z.number().int(),
  /** The prompt it was made from: its alt text. */
  alt: z.string(),
  src: z.string(),
  thumbSrc: z.string(),
  backend: z.string(),
  model: z.string(),
  seed: z.number().int().nullable(),
  createdAt: IsoDateSchema,
});
export type SharedImage = z.infer<typeof SharedImageSchema>;

/** How a step came to be, in words for someone new (lib/client/versions.ts sourceLabel). */
export const StepHowSchema = z.enum(["refined", "instruction", "edit", "restyle", "imported", "verbatim"]);
export type StepHow = z.infer<typeof StepHowSchema>;

export const SharedStepSchema = z.object({
  /** 1, 2, 3… in the order the versions were made. */
  number: z.number().int(),
  /** The step it came from (its number), or null for a first one. */
  parentNumber: z.number().int().nullable(),
  how: StepHowSchema,
  instruction: z.string().nullable(),
  style: z.string().nullable(),
  prompt: z.string(),
  negativePrompt: z.string().nullable(),
  /** The parent's prompt, for the word diff; null for a first step. */
  parentPrompt: z.string().nullable(),
  notes: z.array(z.string()),
  approvedAt: IsoDateSchema.nullable(),
  createdAt: IsoDateSchema,
  images: z.array(SharedImageSchema),
});
export type SharedStep = z.infer<typeof SharedStepSchema>;

const sharedCommon = {
  title: z.string(),
  /** The idea as its owner typed it. */
  ideaText: z.string(),
  feedback: z.boolean(),
  expiresAt: IsoDateSchema.nullable(),
};

export const SharedViewSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("idea"), ...sharedCommon, steps: z.array(SharedStepSchema) }),
  z.object({
    kind: z.literal("comparison"),
    ...sharedCommon,
    comparisonKind: z.enum(["versions", "backends"]),
    seed: z.number().int(),
    params: GenerationParamsSchema,
    /** In grid order; `step` holds the version the cell renders (its diff is against the first cell's). */
    cells: z.array(z.object({ label: z.string(), backend: z.string(), step: SharedStepSchema })),
  }),
  z.object({
    kind: z.literal("image"),
    ...sharedCommon,
    image: SharedImageSchema,
    step: SharedStepSchema,
    params: GenerationParamsSchema,
    durationMs: z.number().int().nullable(),
  }),
]);
export type SharedView = z.infer<typeof SharedViewSchema>;
