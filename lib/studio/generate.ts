import "server-only";
import { getBackend } from "@/lib/backends/registry";
import type { GenerateRequest, ImageBackend } from "@/lib/backends/types";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { getJobQueue } from "@/lib/jobs/queue";
import { assertAllowed } from "@/lib/safety/moderate";
import { getClientQueueCap } from "@/lib/safety/queue-cap";
import type { GenerateBody } from "@/lib/schemas/api";
import type { Generation, GenerationParams, PromptVersion } from "@/lib/schemas/entities";
import { deps } from "./deps";
import { announce } from "./generation-events";
import { runGeneration } from "./run-generation";

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
  if (params.seed !== undefined && !caps.seed)
    throw new AppError("invalid_request", `${backend.label} does not take a seed.`);
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
    seed: params.seed,
    steps: params.steps ?? caps.steps?.default,
    guidance: params.guidance ?? caps.guidance?.default,
    quality: params.quality,
    sampler: params.sampler ?? caps.samplers?.[0],
    checkpoint: params.checkpoint,
  };
}

function concurrencyFor(backendId: string): number {
  const { concurrency } = getConfig();
  return Object.hasOwn(concurrency, backendId) ? concurrency[backendId as keyof typeof concurrency] : 1;
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

export type GenerateOptions = {
  /** Who asks (lib/http/client-key.ts): their queued and running generations are capped. */
  clientKey?: string;
  signal?: AbortSignal;
};

/**
 * Checks the idea and the prompt (moderation), takes one of the client's queue places, saves
 * a queued Generation and hands it to the job queue; answers at once. A refusal at any step
 * leaves no row and never reaches the backend.
 */
export async function generate(body: GenerateBody, opts: GenerateOptions = {}): Promise<Generation> {
  const { store } = deps();
  const version = await store.getVersion(body.promptId);
  if (!version) throw new AppError("not_found", "The prompt version was not found.");
  const backend = getBackend(body.backend);
  const request = resolveParams(backend, body.params, version);

  const id = newId();
  const cap = getClientQueueCap();
  // Taken before the (slower) moderation call, so two requests at once cannot both squeeze in.
  if (opts.clientKey !== undefined) cap.reserve(opts.clientKey, id, getConfig().maxQueuedPerClient);
  try {
    const idea = await store.getIdea(version.ideaId);
    // The positive texts only: a negative prompt lists what to keep out of the picture.
    await assertAllowed({
      texts: { idea: idea?.text, prompt: request.prompt },
      stage: "generate",
      signal: opts.signal,
    });

    const generation: Generation = {
      id,
      promptId: version.id,
      ideaId: version.ideaId,
      backend: backend.id,
      model: backend.model,
      params: generationParams(request),
      status: "queued",
      progress: 0,
      error: null,
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      durationMs: null,
    };
    await store.createGeneration(generation);
    enqueueGeneration(generation, backend, request, opts.clientKey);
    return generation;
  } catch (e) {
    cap.release(id);
    throw e;
  }
}

/**
 * Hands a saved, queued generation to its backend's lane. With a `clientKey` it counts
 * against that client's queue cap until it ends (succeeded, failed or canceled).
 */
export function enqueueGeneration(
  generation: Generation,
  backend: ImageBackend,
  request: GenerateRequest,
  clientKey?: string,
): void {
  const cap = getClientQueueCap();
  if (clientKey !== undefined) cap.track(clientKey, generation.id);
  const release = () => cap.release(generation.id);
  getJobQueue().enqueue(
    backend.id,
    concurrencyFor(backend.id),
    generation.id,
    (signal) => runGeneration(generation, backend, request, signal).finally(release),
    () => {
      release();
      void markCanceledWhileQueued(generation.id);
    },
  );
  announce(generation.id);
}

async function markCanceledWhileQueued(id: string): Promise<void> {
  const { store } = deps();
  const now = new Date().toISOString();
  const updated = await store.updateGeneration(id, { status: "canceled", finishedAt: now });
  if (updated) announce(id, updated);
}
