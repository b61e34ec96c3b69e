import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { listCheckpoints } from "@/lib/studio/checkpoints";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(async (_request, { id }) =>
  json({ checkpoints: await listCheckpoints(parseId(id, "The backend")) }),
);
