import { handle } from "@/lib/http/handle";
import { parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { IdeasQuerySchema } from "@/lib/schemas/api";
import { listIdeas } from "@/lib/studio/queries";

export const dynamic = "force-dynamic";

export const GET = handle(async (request) => json(await listIdeas(parseQuery(request.url, IdeasQuerySchema))));
