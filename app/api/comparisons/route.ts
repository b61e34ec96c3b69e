import { trustedClientKey } from "@/lib/auth/trusted-client";
import { handle } from "@/lib/http/handle";
import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { ComparisonBodySchema, ComparisonsQuerySchema } from "@/lib/schemas/api";
import { createComparison, listComparisons } from "@/lib/studio/compare";

export const dynamic = "force-dynamic";

export const GET = handle(async (request) => {
  const { ideaId } = parseQuery(request.url, ComparisonsQuerySchema);
  return json(await listComparisons(ideaId));
});

export const POST = handle(async (request) => {
  const body = await parseJsonBody(request, ComparisonBodySchema);
  return json(
    await createComparison(body, { clientKey: trustedClientKey(request.headers), signal: request.signal }),
    201,
  );
});
