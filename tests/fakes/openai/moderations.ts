/** POST /v1/moderations: the full result shape, flagged by marker words (see moderation-rules.ts). */

import { sendJson, sendRaw } from "../shared/send";
import { assertConforms, type HandlerContext } from "./context";
import { flaggedCategories, MODERATION_CATEGORIES, type ModerationCategory } from "./moderation-rules";

type Part = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string } };
type ModerationRequest = { input: string | string[] | Part[]; model?: string };

/** Categories the omni model can judge from an image as well as from text. */
const IMAGE_CAPABLE = new Set<ModerationCategory>([
  "self-harm",
  "self-harm/intent",
  "self-harm/instructions",
  "sexual",
  "violence",
  "violence/graphic",
]);

/** One result per input string; a list of parts is one multimodal input. */
function inputsOf(input: ModerationRequest["input"]): Array<{ text: string; hasImage: boolean }> {
  if (typeof input === "string") return [{ text: input, hasImage: false }];
  if (input.every((x): x is string => typeof x === "string")) return input.map((text) => ({ text, hasImage: false }));
  const parts = input as Part[];
  return [
    {
      text: parts.map((p) => (p.type === "text" ? p.text : "")).join("\n"),
      hasImage: parts.some((p) => p.type === "image_url"),
    },
  ];
}

function resultFor(text: string, hasImage: boolean, forceFlag: boolean) {
  const flagged = new Set(flaggedCategories(text));
  if (forceFlag && flagged.size === 0) flagged.add("violence");
  const categories: Record<string, boolean> = {};
  const scores: Record<string, number> = {};
  const applied: Record<string, string[]> = {};
  for (const [i, c] of MODERATION_CATEGORIES.entries()) {
    categories[c] = flagged.has(c);
    scores[c] = flagged.has(c) ? 0.97 : 0.0001 * (i + 1);
    applied[c] = hasImage && IMAGE_CAPABLE.has(c) ? ["text", "image"] : ["text"];
  }
  return { flagged: flagged.size > 0, categories, category_scores: scores, category_applied_input_types: applied };
}

let sequence = 0;

export async function handleModerations(ctx: HandlerContext): Promise<void> {
  const req = ctx.body as ModerationRequest;
  const { mode, consume } = ctx.decision;
  // "refusal" here means: the moderation model flags everything.
  const forceFlag = mode === "refusal";
  if (forceFlag) consume();
  const body = {
    id: `modr-fake${++sequence}`,
    model: req.model === "text-moderation-latest" ? "text-moderation-007" : "omni-moderation-2024-09-26",
    results: inputsOf(req.input).map(({ text, hasImage }) => resultFor(text, hasImage, forceFlag)),
  };
  assertConforms("CreateModerationResponse", body);
  if (mode === "malformedChunk") {
    consume();
    return sendRaw(ctx.res, 200, "application/json", JSON.stringify(body).slice(0, 50));
  }
  sendJson(ctx.res, 200, body);
}
