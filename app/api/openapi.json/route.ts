import { handle } from "@/lib/http/handle";
import { json } from "@/lib/http/responses";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of this API, built from the zod schemas (lib/openapi/). Behind the gate like the rest of /api. */
export const GET = handle(async () => json(openApiDocument()));
