import { handle } from "@/lib/http/handle";
import { parseId, parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { LocksBodySchema } from "@/lib/schemas/api";
import { setLocks } from "@/lib/studio/locks";

export const dynamic = "force-dynamic";

export const PATCH = handle<{ id: string }>(async (request, { id }) => {
  const versionId = parseId(id, "The version");
  const { locks } = await parseJsonBody(request, LocksBodySchema);
  return json(await setLocks(versionId, locks));
});
