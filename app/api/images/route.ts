import { handle } from "@/lib/http/handle";
import { parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { ImagesQuerySchema } from "@/lib/schemas/api";
import { listImages } from "@/lib/studio/queries";

export const dynamic = "force-dynamic";

export const GET = handle(async (request) => json(await listImages(parseQuery(request.url, ImagesQuerySchema))));
