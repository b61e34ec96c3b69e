import "server-only";
import { getBackend } from "@/lib/backends/registry";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { enqueueGeneration } from "@/lib/jobs/enqueue";
import { getJobs } from "@/lib/jobs";
import { generationParams, resolveParams } from "@/lib/jobs/request-params";
import { assertAllowed } from "@/lib/safety/moderate";
import type { GenerateBody } from "@/lib/schemas/api";
import type { Generation } from "@/lib/schemas/entities";
import { deps } from "./deps";

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
  const { cap } = getJobs();
  // Taken before the (slower) moderation call, so two requests at once cannot both squeeze in.
  if (opts.clientKey !== undefined) await cap.reserve(opts.clientKey, [id], getConfig().maxQueuedPerClient);
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
    await enqueueGeneration(generation);
    return generation;
  } catch (e) {
    await cap.release([id]);
    throw e;
  }
}
