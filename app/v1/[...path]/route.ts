import { AppError } from "@/lib/errors";
import { openAiErrorResponse } from "@/lib/openai-compat/errors";

export const dynamic = "force-dynamic";

/** Unknown /v1 paths (and methods) answer in OpenAI's error shape, not with an HTML page. */
async function unknown(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  return openAiErrorResponse(
    new AppError(
      "not_found",
      `Promptsmith offers POST /v1/images/generations and GET /v1/models; not ${request.method} ${pathname}.`,
    ),
  );
}

export { unknown as DELETE, unknown as GET, unknown as PATCH, unknown as POST, unknown as PUT };
