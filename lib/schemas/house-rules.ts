import { z } from "zod";
import { IsoDateSchema } from "./common";
import { HOUSE_RULES_MAX_CHARS } from "./limits";

/** "2000" → "2,000". */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * One saved version of the house rules (issue 13): a team's standing preferences, added to the
 * refiner's instructions as a fenced, lower-priority block. Every save is a new version (1, 2, 3…);
 * empty text is a version too (the rules cleared), so a recipe's "House rules v3" always resolves.
 */
export const HouseRulesSchema = z.object({
  version: z.number().int().min(1),
  text: z.string(),
  createdAt: IsoDateSchema,
});
export type HouseRules = z.infer<typeof HouseRulesSchema>;

/** GET /api/house-rules (and PUT's answer): the current version (null before the first save) and every version, newest first. */
export const HouseRulesStateSchema = z.object({
  current: HouseRulesSchema.nullable(),
  history: z.array(HouseRulesSchema),
});
export type HouseRulesState = z.infer<typeof HouseRulesStateSchema>;

/** PUT /api/house-rules: the new text (saved as the next version); "" clears them. Longer than the cap: 400, nothing saved. */
export const HouseRulesBodySchema = z
  .object({
    text: z
      .string()
      .trim()
      .max(HOUSE_RULES_MAX_CHARS, {
        error: (issue) =>
          `the house rules are ${typeof issue.input === "string" ? thousands(issue.input.length) : "too many"} characters; the limit is ${thousands(HOUSE_RULES_MAX_CHARS)}`,
      }),
  })
  .strict();
export type HouseRulesBody = z.infer<typeof HouseRulesBodySchema>;

/** GET /api/house-rules/:version's path parameter. */
export const HouseRulesVersionParamSchema = z.coerce.number().int().min(1).max(1_000_000_000);
