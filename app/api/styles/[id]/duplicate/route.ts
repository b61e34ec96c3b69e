import { handle } from "@/lib/http/handle";
import { json } from "@/lib/http/responses";
import { parseStyleId } from "@/lib/http/style-id";
import { duplicateStyle } from "@/lib/studio/styles/own-styles";

export const dynamic = "force-dynamic";

/** A copy of a built-in or an own style as a new own style ("… copy"). */
export const POST = handle<{ id: string }>(async (_request, { id }) =>
  json(await duplicateStyle(parseStyleId(id)), 201),
);
