import { z } from "zod";
import { CHECK_KINDS, MAX_CHECKS } from "@/lib/schemas/checks";
import { PART_NAMES } from "@/lib/schemas/entities";
import type { DraftCheck } from "./check-ids";

const span = (what: string) =>
  z
    .string()
    .describe(`${what}: copied exactly from the prompt (a contiguous substring, same spelling), or "" if none.`);

/**
 * The prompt's anatomy as the model returns it. Strict structured outputs require every key,
 * so an absent part is the empty string rather than a missing key.
 */
export const OutputPartsSchema = z
  .object({
    subject: span("Who or what the image is of"),
    setting: span("Where and when"),
    medium: span("The medium or art form"),
    lighting: span("The lighting"),
    composition: span("The composition, camera and framing"),
    palette: span("The colour palette"),
    details: span("Textures, materials and finish"),
    negative: z
      .string()
      .describe('The negative prompt\'s text as written in negativePrompt, or "" when there is none.'),
  })
  .strict();

/** One demand of the idea, as the model writes it; the ids are ours (check-ids.ts). */
export const OutputCheckSchema = z
  .object({
    text: z
      .string()
      .describe('One atomic, checkable statement of what the idea demands ("there are exactly two foxes").'),
    kind: z.enum(CHECK_KINDS).describe("What the statement checks."),
    words: z.array(z.string()).describe("The idea's own words it comes from."),
  })
  .strict();

/**
 * What the chat model is asked to return. Every field is required because OpenAI's strict
 * structured outputs demand it; "no negative prompt" is the empty string. `prompt` comes
 * first so it streams first.
 */
export const RefinedOutputSchema = z
  .object({
    prompt: z.string().describe("The finished image prompt, ready to send to the image model."),
    negativePrompt: z
      .string()
      .describe("Comma-separated things to keep out of the image; the empty string when the dialect is prose."),
    title: z.string().describe("A short title for the idea: 2 to 6 words, no quotes."),
    notes: z
      .array(z.string())
      .describe("What was added or changed compared with the idea (or the current prompt), one short sentence each."),
    parts: OutputPartsSchema.describe("Where each part of the anatomy is in the prompt, word for word."),
    checks: z
      .array(OutputCheckSchema)
      .describe(`The idea's demands, one item each, at most ${MAX_CHECKS}: never what you added.`),
  })
  .strict();
export type RefinedOutput = z.infer<typeof RefinedOutputSchema>;

export const REFINED_OUTPUT_NAME = "refined_prompt";

const ReceivedCheckSchema = z.object({
  text: z.string().trim().min(1).max(200),
  kind: z.enum(CHECK_KINDS),
  words: z
    .array(z.string())
    .nullish()
    .transform((w) => (w ?? []).map((x) => x.slice(0, 80)).slice(0, 12)),
});

/**
 * What we accept back. Looser than what we ask for, because json_object servers only follow
 * the schema as far as the model cares to: only a non-empty prompt is essential.
 */
export const ReceivedOutputSchema = z.object({
  prompt: z.string().trim().min(1, "the prompt is empty"),
  negativePrompt: z.string().nullish(),
  title: z.string().nullish(),
  notes: z.array(z.string()).nullish(),
  // Loose on purpose: anything that is not a string for a known part is ignored, not fatal.
  parts: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((raw) =>
      Object.fromEntries(
        PART_NAMES.flatMap((name) => (typeof raw?.[name] === "string" ? [[name, raw[name] as string]] : [])),
      ),
    ),
  // Older models leave it out (undefined: none written); an item that does not parse is dropped, not fatal.
  checks: z
    .unknown()
    .optional()
    .transform((raw): DraftCheck[] | undefined => {
      if (!Array.isArray(raw)) return undefined;
      return raw.flatMap((item) => {
        const parsed = ReceivedCheckSchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      });
    }),
});
export type ReceivedOutput = z.infer<typeof ReceivedOutputSchema>;

/** The shape spelled out in words, for servers that take json_object but not a schema. */
export const REFINED_OUTPUT_SHAPE =
  '{"prompt": string, "negativePrompt": string, "title": string, "notes": string[], "parts": {"subject": string, "setting": string, "medium": string, "lighting": string, "composition": string, "palette": string, "details": string, "negative": string}, "checks": [{"text": string, "kind": "entity"|"count"|"attribute"|"relation"|"text"|"style"|"setting", "words": string[]}]}';
