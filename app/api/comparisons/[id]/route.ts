import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { deleteComparison, getComparisonDetail } from "@/lib/studio/compare";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(async (_request, { id }) =>
  json(await getComparisonDetail(parseId(id, "The comparison"))),
);

export const DELETE = handle<{ id: string }>(async (_request, { id }) => {
  await deleteComparison(parseId(id, "The comparison"));
  return new Response(null, { status: 204 });
});
