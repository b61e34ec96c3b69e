import { handle } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { TokenizeBodySchema } from "@/lib/schemas/api";
import { measurePrompt } from "@/lib/studio/prompt-length";

export const dynamic = "force-dynamic";

export const POST = handle(async (request) => {
  const body = await parseJsonBody(request, TokenizeBodySchema);
  return json(measurePrompt(body.backend, body.prompt, { family: body.family, checkpoint: body.checkpoint }));
});
