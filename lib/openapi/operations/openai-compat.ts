import {
  CreateImageRequestSchema,
  ImagesResponseSchema,
  ModelListSchema,
  OpenAiErrorSchema,
} from "@/lib/openai-compat/schemas";
import type { Answer, JsonAnswer, Operation } from "../types";

/** /v1 answers errors in OpenAI's shape, not the house's: each status says so explicitly. */
const openAiError = (description: string): JsonAnswer => ({
  description,
  json: OpenAiErrorSchema,
  name: "OpenAiError",
});

const ACCESS_ERRORS = {
  401: openAiError(
    "`invalid_api_key`: API_TOKENS is set and the request has none of them, or the gate is on and it has neither a token nor a session.",
  ),
  default: openAiError("Any other failure (500 `server_error`…)."),
} as unknown as Record<number, Answer>;

/** The OpenAI-compatible API (lib/openai-compat/): what OpenAI's SDKs and tools like Open WebUI call. */
export const openAiCompatOperations: Operation[] = [
  {
    method: "post",
    path: "/v1/images/generations",
    operationId: "createImage",
    summary: "OpenAI's Images API, refining first",
    description:
      "Refines the prompt with the configured refiner (not for a model ending in `:raw`), generates on the backend the model names, waits for the images and answers them with the prompt they were made from as `revised_prompt`. Each request is a new idea in the gallery.",
    tag: "OpenAI-compatible",
    access: "bearer-only",
    body: { schema: CreateImageRequestSchema, name: "CreateImageRequest" },
    rateLimit: "generate",
    responses: {
      200: {
        description: "The images: `b64_json` (the default) or `url`.",
        json: ImagesResponseSchema,
        name: "ImagesResponse",
      },
      400: openAiError(
        "A field the backend cannot take (`param` names it: an unknown model, a size it does not make, `n` out of range, a prompt too long…), or `content_policy_violation`: moderation refused the prompt.",
      ),
      413: openAiError("`request_too_large`: the body is over 1 MB."),
      429: openAiError(
        "`rate_limit_exceeded`: too many generations or refinements from this client, or too many queued; Retry-After says when.",
      ),
      502: openAiError("`backend_error`: the image backend or the refiner failed."),
      503: openAiError("`backend_unavailable`: a backend or the moderation service does not answer."),
      ...ACCESS_ERRORS,
    },
  },
  {
    method: "get",
    path: "/v1/models",
    operationId: "listModels",
    summary: "The model names /v1/images/generations takes",
    description:
      "`promptsmith` (the default backend) and `promptsmith-<backend id>` for each configured backend, each also with `:raw` (no refinement).",
    tag: "OpenAI-compatible",
    access: "bearer-only",
    responses: {
      200: { description: "OpenAI's model list.", json: ModelListSchema, name: "ModelList" },
      ...ACCESS_ERRORS,
    },
  },
];
