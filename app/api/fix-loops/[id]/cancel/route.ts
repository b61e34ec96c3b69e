import { cancelFixLoop } from "@/lib/fix/cancel";
import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export const POST = handle<{ id: string }>(async (_request, { id }) =>
  json(await cancelFixLoop(parseId(id, "The fix loop"))),
);
