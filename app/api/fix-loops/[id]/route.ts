import { getFixLoop } from "@/lib/fix/queries";
import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(async (_request, { id }) =>
  json(await getFixLoop(parseId(id, "The fix loop"))),
);
