import "server-only";
import { getBackend } from "@/lib/backends/registry";
import { AppError, toAppError } from "@/lib/errors";
import { log, scrubSecrets } from "@/lib/log";
import type { Generation } from "@/lib/schemas/entities";
import { getStore } from "@/lib/store";
import { announce } from "./generation-events";
import { getJobs } from "./index";
import { resolveParams } from "./request-params";
import { runGeneration } from "./run-generation";

/**
 * What the queue runs for a generation it took: the request is rebuilt from the row (its
 * parameters were saved with every default filled in), so any instance can run any generation.
 */
export async function runJob(generation: Generation, signal: AbortSignal): Promise<void> {
  try {
    const version = await getStore().getVersion(generation.promptId);
    if (!version) throw new AppError("not_found", "Its prompt version is gone.");
    const backend = getBackend(generation.backend);
    await runGeneration(generation, backend, resolveParams(backend, generation.params, version), signal);
  } catch (e) {
    // runGeneration settles every failure itself; this is a generation it could not even start.
    const error = toAppError(e);
    log.warn("generation could not start", { generationId: generation.id, code: error.code });
    // Unless it ended meanwhile (canceled, or settled by another instance).
    const updated = await getStore().updateGeneration(
      generation.id,
      {
        status: "failed",
        error: { code: error.code, message: scrubSecrets(error.message) },
        finishedAt: new Date().toISOString(),
      },
      { ifStatus: ["queued", "running"] },
    );
    if (updated) announce(generation.id, updated);
  } finally {
    await getJobs().cap.release([generation.id]);
  }
}
