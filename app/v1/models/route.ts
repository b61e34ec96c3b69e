import { json } from "@/lib/http/responses";
import { handleOpenAi } from "@/lib/openai-compat/errors";
import { listModels } from "@/lib/openai-compat/model-names";

export const dynamic = "force-dynamic";

/** OpenAI's model list: `promptsmith`, `promptsmith-<backend id>` for each configured backend, and their `:raw`. */
export const GET = handleOpenAi(async () => json(listModels()));
