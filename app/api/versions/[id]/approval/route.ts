import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { approveVersion, unapproveVersion } from "@/lib/sharing/approval";

export const dynamic = "force-dynamic";

/** Marks the version Approved (again: keeps the first time). 200 with the version. */
export const POST = handle<{ id: string }>(async (_request, { id }) => {
  return json(await approveVersion(parseId(id, "The prompt version")));
});

/** Takes the approval back. 200 with the version. */
export const DELETE = handle<{ id: string }>(async (_request, { id }) => {
  return json(await unapproveVersion(parseId(id, "The prompt version")));
});
