import { handle } from "@/lib/http/handle";
import { json } from "@/lib/http/responses";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

/**
 * The OpenAPI 3.1 document of this API, built from the zod schemas (lib/openapi/). Behind the gate
 * like the rest of /api: it holds no secret, but a private deployment need not hand strangers a map
 * of what it does, the gate's rule stays one line (lib/auth/gate.ts isPublicPath), and the tools
 * that read it (client generators, Swagger UI, Postman) can send a Bearer token from API_TOKENS.
 */
export const GET = handle(async () => json(openApiDocument()));
