import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { cancel } from "@/lib/jobs/cancel";

export const dynamic = "force-dynamic";

export const POST = handle<{ id: string }>(async (_request, { id }) =>
  json(await cancel(parseId(id, "The generation"))),
);
