import { handle } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { CreateStyleBodySchema } from "@/lib/schemas/styles";
import { createOwnStyle, listOwnStyles } from "@/lib/studio/styles/own-styles";

export const dynamic = "force-dynamic";

/** Own styles, oldest first (the built-ins are in lib/style-labels.ts). */
export const GET = handle(async () => json(await listOwnStyles()));

export const POST = handle(async (request) => {
  const body = await parseJsonBody(request, CreateStyleBodySchema);
  return json(await createOwnStyle(body), 201);
});
