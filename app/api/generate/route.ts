import { handle } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { GenerateBodySchema } from "@/lib/schemas/api";
import { generate } from "@/lib/studio/generate";

export const dynamic = "force-dynamic";

export const POST = handle(async (request) => json(await generate(await parseJsonBody(request, GenerateBodySchema)), 202));
