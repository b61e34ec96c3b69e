import { handle } from "@/lib/http/handle";
import { json } from "@/lib/http/responses";
import { parseStyleId } from "@/lib/http/style-id";
import { restoreOwnStyle } from "@/lib/studio/styles/own-styles";

export const dynamic = "force-dynamic";

/** Undo of a delete. */
export const POST = handle<{ id: string }>(async (_request, { id }) => json(await restoreOwnStyle(parseStyleId(id))));
