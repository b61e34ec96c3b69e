import { handle } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { parseStyleId } from "@/lib/http/style-id";
import { StyleInputSchema } from "@/lib/schemas/styles";
import { deleteOwnStyle, updateOwnStyle } from "@/lib/studio/styles/own-styles";

export const dynamic = "force-dynamic";

/** Every field, as the form sends them; a built-in style answers 403 (read-only). */
export const PATCH = handle<{ id: string }>(async (request, { id }) => {
  const styleId = parseStyleId(id);
  const input = await parseJsonBody(request, StyleInputSchema);
  return json(await updateOwnStyle(styleId, input));
});

/** Undo: POST /api/styles/:id/restore. */
export const DELETE = handle<{ id: string }>(async (_request, { id }) => {
  await deleteOwnStyle(parseStyleId(id));
  return new Response(null, { status: 204 });
});
