import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { listIdeaFeedback } from "@/lib/sharing/feedback";

export const dynamic = "force-dynamic";

/** The owner's list: every note and vote left through the idea's links, and the votes standing per image. */
export const GET = handle<{ id: string }>(async (_request, { id }) => {
  return json(await listIdeaFeedback(parseId(id, "The idea")));
});
