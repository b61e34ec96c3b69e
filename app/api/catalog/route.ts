import { handle } from "@/lib/http/handle";
import { json } from "@/lib/http/responses";
import { getCatalog } from "@/lib/studio/catalog";

export const dynamic = "force-dynamic";

export const GET = handle(async () => json(getCatalog()));
