import "server-only";
import { randomInt } from "node:crypto";
import type { GenerateRequest, ImageBackend } from "@/lib/backends/types";
import { AppError } from "@/lib/errors";
import type { GenerationParams, PromptVersion } from "@/lib/schemas/entities";

/** A seed of -1 asks for a random one: the convention A1111 and ComfyUI users send. */
export const RANDOM_SEED = -1;

/** Any seed the backends take (32-bit unsigned, as A1111 and ComfyUI draw theirs). */
export function drawSeed(): number {
  return randomInt(0, 2 ** 32);
}

/** Fills in defaults and checks the parameters against what the backend can do. */
export function resolveParams(
  backend: ImageBackend,
  params: GenerationParams,
  version: PromptVersion,
): GenerateRequest {
  const caps = backend.capabilities;
  const size = params.size ?? caps.defaultSize;
  if (!caps.sizes.includes(size)) {
    throw new AppError("invalid_request", `${backend.label} takes the sizes ${caps.sizes.join(", ")}; not ${size}.`);
  }
  const n = params.n ?? 1;
  if (n > caps.maxImages)
    throw new AppError("invalid_request", `${backend.label} makes at most ${caps.maxImages} images at once.`);
  // "Random" is drawn here, not left to the backend, so the generation records the seed it ran
  // with and the image can be made again; a backend without seeds is random anyway.
  const seed = params.seed === RANDOM_SEED ? (caps.seed ? drawSeed() : undefined) : params.seed;
  if (seed !== undefined && !caps.seed) throw new AppError("invalid_request", `${backend.label} does not take a seed.`);
  if (params.quality !== undefined && !caps.quality?.includes(params.quality)) {
    throw new AppError(
      "invalid_request",
      `${backend.label} takes the qualities ${(caps.quality ?? []).join(", ") || "none"}.`,
    );
  }
  for (const key of ["steps", "guidance"] as const) {
    const value = params[key];
    const range = caps[key];
    if (value === undefined) continue;
    if (!range) throw new AppError("invalid_request", `${backend.label} does not take ${key}.`);
    if (value < range.min || value > range.max) {
      throw new AppError("invalid_request", `${key} must be between ${range.min} and ${range.max}.`);
    }
  }
  if (params.sampler !== undefined && !caps.samplers?.includes(params.sampler)) {
    throw new AppError(
      "invalid_request",
      `${backend.label} takes the samplers ${(caps.samplers ?? []).join(", ") || "none"}.`,
    );
  }
  if (params.checkpoint !== undefined && !caps.checkpoints) {
    throw new AppError("invalid_request", `${backend.label} does not load checkpoints.`);
  }
  if (caps.maxPromptChars && version.prompt.length > caps.maxPromptChars) {
    throw new AppError(
      "too_large",
      `The prompt is ${version.prompt.length} characters; ${backend.label} takes at most ${caps.maxPromptChars}.`,
    );
  }
  // Defaults are filled in here, so the generation records every parameter it ran with.
  return {
    prompt: version.prompt,
    negativePrompt: caps.negativePrompt ? (version.negativePrompt ?? undefined) : undefined,
    size,
    n,
    seed,
    steps: params.steps ?? caps.steps?.default,
    guidance: params.guidance ?? caps.guidance?.default,
    quality: params.quality,
    sampler: params.sampler ?? caps.samplers?.[0],
    checkpoint: params.checkpoint,
  };
}

/** What a Generation records of the request it runs: every parameter, defaults filled in. */
export function generationParams(request: GenerateRequest): GenerationParams {
  return {
    size: request.size,
    n: request.n,
    seed: request.seed,
    steps: request.steps,
    guidance: request.guidance,
    quality: request.quality,
    sampler: request.sampler,
    checkpoint: request.checkpoint,
  };
}
