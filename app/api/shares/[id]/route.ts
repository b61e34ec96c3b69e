import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { revokeShare } from "@/lib/sharing/shares";

export const dynamic = "force-dynamic";

export const DELETE = handle<{ id: string }>(async (_request, { id }) => {
  await revokeShare(parseId(id, "The share"));
  return new Response(null, { status: 204 });
});
