import { trustedClientKey } from "@/lib/auth/trusted-client";
import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { handleOpenAi } from "@/lib/openai-compat/errors";
import { generateImages } from "@/lib/openai-compat/generate-images";
import { publicOrigin } from "@/lib/openai-compat/public-origin";
import { parseCreateImageRequest } from "@/lib/openai-compat/request-schema";
import { z } from "zod";

export const dynamic = "force-dynamic";

/** OpenAI's Images API, refining first: waits for the images and answers them (lib/openai-compat/). */
export const POST = handleOpenAi(async (request) => {
  const body = parseCreateImageRequest(await parseJsonBody(request, z.unknown()));
  const answer = await generateImages(body, {
    clientKey: trustedClientKey(request.headers),
    signal: request.signal,
    origin: publicOrigin(request),
  });
  return json(answer);
});
