import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { notFound } from "@/lib/http/responses";
import { sseResponse } from "@/lib/http/sse";
import { followGeneration } from "@/lib/jobs/follow-generation";
import { getGenerationWithImages } from "@/lib/studio/queries";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(async (request, { id }) => {
  const generation = await getGenerationWithImages(parseId(id, "The generation"));
  if (!generation) throw notFound("The generation");
  return sseResponse(request, (sse, signal) => followGeneration(generation, sse, signal));
});
