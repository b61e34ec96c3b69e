import { handle } from "@/lib/http/handle";
import { json } from "@/lib/http/responses";
import { checkReadiness } from "@/lib/studio/readiness";

export const dynamic = "force-dynamic";

/** Readiness for a load balancer: 200 when the database and the storage answer, else 503 naming which. */
export const GET = handle(async () => json(await checkReadiness()));
