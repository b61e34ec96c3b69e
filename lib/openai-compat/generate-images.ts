import "server-only";
import type { ImageBackend } from "@/lib/backends/types";
import { AppError } from "@/lib/errors";
import { waitForGeneration } from "@/lib/fix/wait-generation";
import { cancel } from "@/lib/jobs/cancel";
import { log } from "@/lib/log";
import type { ErrorCode } from "@/lib/schemas/api";
import { LIMITS } from "@/lib/schemas/common";
import type { Generation, GenerationParams, PromptVersion } from "@/lib/schemas/entities";
import { ERROR_CODES } from "@/lib/schemas/names";
import { generate } from "@/lib/studio/generate";
import { getGenerationWithImages } from "@/lib/studio/queries";
import { prepareRefine } from "@/lib/studio/refine";
import { saveEdit } from "@/lib/studio/save-edit";
import { badParam } from "./errors";
import { type ModelChoice, resolveModel } from "./model-names";
import type { CreateImageRequest } from "./request-schema";
import { type ImagesResponse, imagesResponse } from "./response";

/** Said in every version made through /v1: the Ideas search finds it, the recipe shows it. */
export const API_NOTE = "Sent through the OpenAI-compatible API (POST /v1/images/generations).";

/** The contract's range for `n`; a backend may take fewer (its maxImages). */
const MAX_N = 10;

export type GenerateImagesOptions = {
  /** Who asks (the proxy's checked key): rate limits and queue places are theirs. */
  clientKey: string;
  /** The request's: a client that hangs up stops the refiner, or cancels the generation. */
  signal: AbortSignal;
  /** Scheme and host the client reached us at, for `url` answers. */
  origin: string;
};

/**
 * POST /v1/images/generations, start to end: checks the request against the backend the model
 * names, refines the prompt (or keeps it as written, `:raw`), generates, waits for the images and
 * answers them in OpenAI's shape. Each step is the Studio's own use case, so moderation, rate
 * limits, queue caps and the gallery work exactly as there.
 */
export async function generateImages(body: CreateImageRequest, opts: GenerateImagesOptions): Promise<ImagesResponse> {
  if (body.stream)
    throw badParam("stream", "Streaming is not offered here: ask without `stream`.", "unsupported_value");
  const model = resolveModel(body.model);
  const params = paramsFor(body, model.backend);
  checkPrompt(body.prompt, model);

  const version = await saveVersion(body.prompt, model, opts);
  const generation = await generate(
    { promptId: version.id, backend: model.backend.id, params },
    { clientKey: opts.clientKey, signal: opts.signal },
  );
  const final = await waitOrCancel(generation, opts.signal);
  const images = (await getGenerationWithImages(final.id))?.images ?? [];
  if (images.length === 0) throw new AppError("backend_error", "The backend finished without an image.");
  log.info("v1 images", { ideaId: version.ideaId, generationId: final.id, model: model.name, n: images.length });
  return imagesResponse(images, version, {
    responseFormat: body.response_format ?? "b64_json",
    outputFormat: body.output_format ?? undefined,
    compression: body.output_compression ?? undefined,
    size: params.size ?? "",
    quality: params.quality,
    origin: opts.origin,
    created: final.finishedAt ?? new Date().toISOString(),
  });
}

/** The request's size, n and quality as the backend takes them; a 400 naming the field otherwise. */
function paramsFor(body: CreateImageRequest, backend: ImageBackend): GenerationParams {
  const caps = backend.capabilities;
  const size = !body.size || body.size === "auto" ? caps.defaultSize : body.size;
  if (!caps.sizes.includes(size)) {
    throw badParam("size", `${backend.label} takes the sizes ${["auto", ...caps.sizes].join(", ")}; not '${size}'.`);
  }
  const n = body.n ?? 1;
  const most = Math.min(MAX_N, caps.maxImages);
  if (n < 1 || n > most) throw badParam("n", `n must be between 1 and ${most} for ${backend.label}; it was ${n}.`);
  if (body.background === "transparent") {
    throw badParam("background", "Transparent backgrounds are not offered here: ask for 'opaque' or 'auto'.");
  }
  return { size, n, ...qualityFor(body.quality, caps.quality) };
}

/**
 * A quality the backend takes goes through; DALL·E 3's names map onto the GPT image ones; a
 * backend with no notion of quality ignores it (clients send it by default).
 */
function qualityFor(asked: CreateImageRequest["quality"], offered: readonly string[] | undefined) {
  if (!asked || !offered?.length) return {};
  const quality = asked === "hd" ? "high" : asked === "standard" ? "medium" : asked;
  return offered.includes(quality) ? { quality } : {};
}

/** A refined prompt starts as an idea (its limit); a raw one goes to the backend as it is (its limit). */
function checkPrompt(prompt: string, model: ModelChoice): void {
  if (!prompt.trim()) throw badParam("prompt", "The prompt is empty.");
  const limit = model.raw
    ? Math.min(LIMITS.promptChars, model.backend.capabilities.maxPromptChars ?? LIMITS.promptChars)
    : LIMITS.ideaChars;
  if (prompt.length > limit) {
    throw badParam(
      "prompt",
      `The prompt is ${prompt.length} characters; ${model.raw ? `${model.backend.label} takes` : "a prompt to refine may have"} at most ${limit}.`,
      "string_above_max_length",
    );
  }
}

async function saveVersion(prompt: string, model: ModelChoice, opts: GenerateImagesOptions): Promise<PromptVersion> {
  const text = prompt.trim();
  if (model.raw) return saveEdit({ idea: text, prompt: text, source: "verbatim" }, { note: API_NOTE });
  const prepared = await prepareRefine(
    { idea: text, backend: model.backend.id },
    { clientKey: opts.clientKey, note: API_NOTE },
  );
  return prepared.run({ signal: opts.signal });
}

/** Waits for the generation to end; a client that hangs up cancels it (its place in the queue goes too). */
async function waitOrCancel(generation: Generation, signal: AbortSignal): Promise<Generation> {
  let final: Generation;
  try {
    final = await waitForGeneration(generation.id, signal);
  } catch (e) {
    if (signal.aborted) {
      await cancel(generation.id).catch((error: unknown) =>
        log.warn("v1: cancel failed", { id: generation.id, error }),
      );
    }
    throw e;
  }
  if (final.status === "succeeded") return final;
  if (final.status === "canceled") throw new AppError("canceled", "The generation was canceled.");
  const code = (ERROR_CODES as readonly string[]).includes(final.error?.code ?? "")
    ? (final.error?.code as ErrorCode)
    : "backend_error";
  throw new AppError(code, final.error?.message ?? "The generation failed.");
}
