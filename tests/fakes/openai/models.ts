/** GET /v1/models: the models the fake answers for (it answers for any name, these are listed). */

import { sendJson, sendRaw } from "../shared/send";
import { assertConforms, type HandlerContext } from "./context";

export const LISTED_MODELS = [
  "gpt-5.4-mini",
  "gpt-5.4",
  "gpt-image-1.5",
  "gpt-image-1",
  "dall-e-3",
  "omni-moderation-latest",
];

export async function handleModels(ctx: HandlerContext): Promise<void> {
  const body = {
    object: "list" as const,
    data: LISTED_MODELS.map((id) => ({ id, object: "model" as const, created: 1_735_689_600, owned_by: "system" })),
  };
  assertConforms("ListModelsResponse", body);
  if (ctx.decision.mode === "malformedChunk") {
    ctx.decision.consume();
    return sendRaw(ctx.res, 200, "application/json", JSON.stringify(body).slice(0, 30));
  }
  sendJson(ctx.res, 200, body);
}
