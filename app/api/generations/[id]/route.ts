import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { json, notFound } from "@/lib/http/responses";
import { getGenerationWithImages } from "@/lib/studio/queries";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(async (_request, { id }) => {
  const generation = await getGenerationWithImages(parseId(id, "The generation"));
  if (!generation) throw notFound("The generation");
  return json(generation);
});
