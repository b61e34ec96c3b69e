import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { json, notFound } from "@/lib/http/responses";
import { deleteIdea, getIdeaDetail } from "@/lib/studio/queries";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(async (_request, { id }) => {
  const detail = await getIdeaDetail(parseId(id, "The idea"));
  if (!detail) throw notFound("The idea");
  return json(detail);
});

export const DELETE = handle<{ id: string }>(async (_request, { id }) => {
  await deleteIdea(parseId(id, "The idea"));
  return new Response(null, { status: 204 });
});
