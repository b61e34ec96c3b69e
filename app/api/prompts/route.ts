import { handle } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { EditBodySchema } from "@/lib/schemas/api";
import { saveEdit } from "@/lib/studio/save-edit";

export const dynamic = "force-dynamic";

export const POST = handle(async (request) => json(await saveEdit(await parseJsonBody(request, EditBodySchema)), 201));
