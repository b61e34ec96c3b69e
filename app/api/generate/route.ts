import { trustedClientKey } from "@/lib/auth/trusted-client";
import { handle } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { GenerateBodySchema } from "@/lib/schemas/api";
import { generate } from "@/lib/studio/generate";

export const dynamic = "force-dynamic";

export const POST = handle(async (request) => {
  const body = await parseJsonBody(request, GenerateBodySchema);
  return json(await generate(body, { clientKey: trustedClientKey(request.headers), signal: request.signal }), 202);
});
