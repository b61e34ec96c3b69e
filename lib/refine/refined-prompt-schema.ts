import { z } from "zod";

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
  })
  .strict();
export type RefinedOutput = z.infer<typeof RefinedOutputSchema>;

export const REFINED_OUTPUT_NAME = "refined_prompt";

/**
 * What we accept back. Looser than what we ask for, because json_object servers only follow
 * the schema as far as the model cares to: only a non-empty prompt is essential.
 */
export const ReceivedOutputSchema = z.object({
  prompt: z.string().trim().min(1, "the prompt is empty"),
  negativePrompt: z.string().nullish(),
  title: z.string().nullish(),
  notes: z.array(z.string()).nullish(),
});
export type ReceivedOutput = z.infer<typeof ReceivedOutputSchema>;

/** The shape spelled out in words, for servers that take json_object but not a schema. */
export const REFINED_OUTPUT_SHAPE = '{"prompt": string, "negativePrompt": string, "title": string, "notes": string[]}';
