import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { startIdeaFromEntry } from "@/lib/studio/library";

export const dynamic = "force-dynamic";

/** No body: the entry is the whole recipe. */
export const POST = handle<{ id: string }>(async (_request, { id }) =>
  json(await startIdeaFromEntry(parseId(id, "The library entry")), 201),
);
