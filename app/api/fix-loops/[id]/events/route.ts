import { followFixLoop } from "@/lib/fix/follow-loop";
import { getFixLoop } from "@/lib/fix/queries";
import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { sseResponse } from "@/lib/http/sse";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(async (request, { id }) => {
  // A 404 before any stream starts.
  const loop = await getFixLoop(parseId(id, "The fix loop"));
  return sseResponse(request, (sse, signal) => followFixLoop(loop.id, sse, signal));
});
