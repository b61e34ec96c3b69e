import { MODEL_FAMILY_IDS } from "@/lib/prompt-formats/model-family";
import { z } from "zod";
import { ERROR_CODES } from "./names";
import { DAY_OR_TIME_MESSAGE, isDayOrTime, rangeToTimes, SIZE_MESSAGE, sizeFrom } from "./day-range";
import { CheckItemSchema, MAX_CHECKS } from "./checks";
import { IdSchema, LIMITS, SizeSchema } from "./common";
import { PartNameSchema } from "./entities";
import { StyleIdSchema } from "./styles";

/** "2000" → "2,000", as the Idea box's counter says it. */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const idea = z
  .string()
  .trim()
  .min(1, "the idea is empty")
  // Never cut: a longer idea is refused with both numbers, the way the Idea box says it.
  .max(LIMITS.ideaChars, {
    error: (issue) =>
      `the idea is ${typeof issue.input === "string" ? thousands(issue.input.length) : "too many"} characters; the limit is ${thousands(LIMITS.ideaChars)}`,
  });
const instruction = z
  .string()
  .trim()
  .min(1, "the instruction is empty")
  .max(LIMITS.instructionChars, `at most ${LIMITS.instructionChars} characters`);
const backendId = z.string().min(1).max(64);

/**
 * Which model an SD-style backend runs, so the prompt is written in its dialect and budget: the
 * checkpoint (its family is read from its name and hash) and, to override that, the family.
 */
const modelChoice = {
  family: z.enum(MODEL_FAMILY_IDS).optional(),
  checkpoint: z.string().min(1).max(256).optional(),
};

const refineCommon = {
  style: StyleIdSchema.nullable().optional(),
  backend: backendId.optional(),
  refiner: z.string().min(1).max(64).optional(),
  /** 2–4 asks for that many refinements at once in different directions (a faithful one, then bolder ones). */
  candidates: z.number().int().min(1).max(4).optional(),
  /** false: this refinement ignores the house rules (issue 13); they apply when absent or true. */
  houseRules: z.boolean().optional(),
  ...modelChoice,
};

/**
 * POST /api/refine: a new idea, or a further refinement of a saved version: with an
 * instruction, or with only a new `style` (a restyle, which also makes a child).
 */
export const RefineBodySchema = z.union([
  z.object({ idea, ...refineCommon }).strict(),
  z
    .object({ parentId: IdSchema, instruction: instruction.optional(), ...refineCommon })
    .strict()
    .refine((b) => b.instruction !== undefined || b.style !== undefined, {
      message: "give an instruction, a style, or both",
      path: ["instruction"],
    }),
]);
export type RefineBody = z.infer<typeof RefineBodySchema>;

const promptText = z.string().trim().min(1, "the prompt is empty").max(LIMITS.promptChars);
const negativeText = z.string().trim().max(LIMITS.negativePromptChars).optional();

/**
 * POST /api/prompts: a manual edit of a saved version (`parentId`), or a prompt written or
 * imported elsewhere (`idea`: a new idea whose first version is this prompt, as given).
 * `source: "verbatim"` marks a prompt typed in the Studio to be generated as written (the
 * default is a prompt read from an image). The backend's own (lower) limit is checked in studio/.
 */
/** An edited checklist (issue 11): a new item may come without an id; the server numbers it. */
export const EditChecksSchema = z
  .array(CheckItemSchema.extend({ id: CheckItemSchema.shape.id.optional() }))
  .max(MAX_CHECKS);

export const EditBodySchema = z.union([
  z
    .object({
      parentId: IdSchema,
      prompt: promptText,
      negativePrompt: negativeText,
      checks: EditChecksSchema.optional(),
    })
    .strict(),
  z
    .object({
      idea,
      prompt: promptText,
      negativePrompt: negativeText,
      source: z.literal("verbatim").optional(),
      checks: EditChecksSchema.optional(),
    })
    .strict(),
]);
export type EditBody = z.infer<typeof EditBodySchema>;

export const GenerateParamsBodySchema = z
  .object({
    size: SizeSchema.optional(),
    n: z.number().int().min(1).max(10).optional(),
    /** -1 asks for a random seed (A1111's and ComfyUI's convention); the generation records the one drawn. */
    seed: z.number().int().min(-1).max(4_294_967_295).optional(),
    steps: z.number().int().min(1).max(150).optional(),
    guidance: z.number().min(0).max(30).optional(),
    quality: z.string().min(1).max(16).optional(),
    sampler: z.string().min(1).max(64).optional(),
    checkpoint: z.string().min(1).max(256).optional(),
  })
  .strict();

export const GenerateBodySchema = z
  .object({
    promptId: IdSchema,
    backend: backendId,
    params: GenerateParamsBodySchema.default({}),
  })
  .strict();
export type GenerateBody = z.infer<typeof GenerateBodySchema>;

/** PATCH /api/prompts/:id: which parts of a version are locked. */
export const LocksBodySchema = z.object({ locks: z.array(PartNameSchema).max(8) }).strict();

const compareParams = GenerateParamsBodySchema.omit({ n: true });

/** POST /api/comparisons: 2–4 versions of one idea on one backend, or one version on 2–4 backends. */
export const ComparisonBodySchema = z.union([
  z
    .object({
      versionIds: z.array(IdSchema).min(2).max(4),
      backend: backendId,
      params: compareParams.default({}),
    })
    .strict(),
  z
    .object({
      versionId: IdSchema,
      backends: z.array(backendId).min(2).max(4),
      params: compareParams.default({}),
    })
    .strict(),
]);
export type ComparisonBody = z.infer<typeof ComparisonBodySchema>;

export const ComparisonsQuerySchema = z.object({ ideaId: IdSchema }).strict();

const libraryName = z.string().trim().min(1, "the name is empty").max(120, "at most 120 characters");

/** POST /api/library: star a version under a name. */
export const LibraryCreateBodySchema = z.object({ versionId: IdSchema, name: libraryName }).strict();
/** PATCH /api/library/:id: rename. */
export const LibraryRenameBodySchema = z.object({ name: libraryName }).strict();

/** POST /api/tokenize: how long a prompt is for a backend (CLIP tokens for SD backends). */
export const TokenizeBodySchema = z
  .object({ backend: backendId, prompt: z.string().max(LIMITS.promptChars), ...modelChoice })
  .strict();

export const FavoriteBodySchema = z.object({ favorite: z.boolean() }).strict();

const limit = z.coerce.number().int().min(1).max(100).default(LIMITS.pageSize);
const cursor = z.string().max(200).optional();
const q = z.string().max(200).optional();
/** A latest-check score floor (issue 11), 0..1 as typed in an address ("0.8"). */
const minScore = z
  .string()
  .max(20)
  .regex(/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/, "a score from 0 to 1, like 0.8")
  .transform(Number)
  .optional();

/** A day (YYYY-MM-DD, UTC) or an ISO time (lib/schemas/day-range.ts). */
const dayOrTime = z.string().max(40).refine(isDayOrTime, { message: DAY_OR_TIME_MESSAGE });

/**
 * GET /api/images: the gallery's page. from/to bound the image's creation as the Ideas list's
 * bound its last activity (a day as `to` counts in whole); the store gets ISO times
 * (lib/studio/queries.ts). model: the generation's; seed: the image's; size: WIDTHxHEIGHT.
 */
export const ImagesQuerySchema = z
  .object({
    cursor,
    limit,
    ideaId: IdSchema.optional(),
    backend: backendId.optional(),
    favorite: z
      .enum(["true", "false", "1", "0"])
      .transform((v) => v === "true" || v === "1")
      .optional(),
    q,
    /** Issue 11: best score first ("score"), or newest first (the default). */
    sort: z.enum(["newest", "score"]).optional(),
    /** Only images whose latest check scored at least this (0..1). */
    minScore,
    /** Only images with a check (true), or without one (false). */
    checked: z
      .enum(["true", "false", "1", "0"])
      .transform((v) => v === "true" || v === "1")
      .optional(),
    /** Only images whose latest check has a miss (true), or has none (false). */
    hasMisses: z
      .enum(["true", "false", "1", "0"])
      .transform((v) => v === "true" || v === "1")
      .optional(),
    model: z.string().trim().min(1, "the model is empty").max(128).optional(),
    seed: z
      .string()
      .regex(/^-?\d{1,16}$/, "a seed is a whole number, like 1234")
      .transform(Number)
      .refine(Number.isSafeInteger, "a seed is a whole number, like 1234")
      .optional(),
    size: z
      .string()
      .max(11)
      .refine((v) => sizeFrom(v) !== undefined, SIZE_MESSAGE)
      .transform((v) => sizeFrom(v) ?? { width: 0, height: 0 })
      .optional(),
    from: dayOrTime.optional(),
    to: dayOrTime.optional(),
  })
  .strict()
  .refine((v) => v.from === undefined || v.to === undefined || Date.parse(v.from) <= Date.parse(v.to), {
    message: "from must not come after to",
    path: ["from"],
  });
export type ImagesQuery = z.infer<typeof ImagesQuerySchema>;

const flag = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .optional();

/**
 * GET /api/ideas: the Ideas page's list. from/to bound the last activity; a day as `to` counts
 * in whole (to=2026-12-03 keeps that day), a time is exclusive. The store gets ISO times.
 */
export const IdeasQuerySchema = z
  .object({
    cursor,
    limit,
    q,
    backend: backendId.optional(),
    style: StyleIdSchema.optional(),
    hasImages: flag,
    starred: flag,
    /** Issue 11: an image of the idea whose latest check has a miss. */
    hasMisses: flag,
    /** Issue 11: best checked image first ("score"), or most recent activity first (the default). */
    sort: z.enum(["recent", "score"]).optional(),
    /** Issue 11: its best image's latest check scored at least this (0..1). */
    minScore,
    from: dayOrTime.optional(),
    to: dayOrTime.optional(),
  })
  .strict()
  .transform(({ from, to, ...rest }) => ({ ...rest, ...rangeToTimes(from, to) }));

export const LibraryQuerySchema = z.object({ cursor, limit, q }).strict();
export type LibraryQuery = z.infer<typeof LibraryQuerySchema>;
export type IdeasQuery = z.infer<typeof IdeasQuerySchema>;

export const DownloadQuerySchema = z.object({ download: z.enum(["1", "true", "0", "false"]).optional() }).strict();

/** The error body every endpoint answers with. */
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({ code: ErrorCodeSchema, message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
