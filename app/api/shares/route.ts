import { handle } from "@/lib/http/handle";
import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { CreateShareBodySchema, SharesQuerySchema } from "@/lib/schemas/shares";
import { createShare, listShares } from "@/lib/sharing/shares";

export const dynamic = "force-dynamic";

export const GET = handle(async (request) => json(await listShares(parseQuery(request.url, SharesQuerySchema))));

export const POST = handle(async (request) => {
  const body = await parseJsonBody(request, CreateShareBodySchema);
  return json(await createShare(body), 201);
});
