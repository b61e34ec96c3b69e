import { startFixLoop } from "@/lib/fix/start";
import { handle } from "@/lib/http/handle";
import { parseId, parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { FixBodySchema } from "@/lib/schemas/checks";

export const dynamic = "force-dynamic";

export const POST = handle<{ id: string }>(async (request, { id }) => {
  const imageId = parseId(id, "The image");
  // The body is optional: `{ maxRounds? }`, or nothing at all.
  const body = request.headers.get("content-type") ? await parseJsonBody(request, FixBodySchema) : {};
  return json(await startFixLoop(imageId, body), 202);
});
