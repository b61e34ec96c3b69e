import "server-only";
import type { GenerateRequest, GeneratedImage, ImageBackend } from "@/lib/backends/types";
import { getConfig } from "@/lib/config";
import { AppError, isAbortError, isAppError, toAppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { withRetries } from "@/lib/jobs/retry";
import { log, scrubSecrets } from "@/lib/log";
import type { Generation } from "@/lib/schemas/entities";
import { sha256 } from "@/lib/store/copy/image-hashes";
import type { NewImage } from "@/lib/store/types";
import { deps } from "@/lib/studio/deps";
import type { ImageCheck } from "@/lib/schemas/checks";
import { autoCheckWithGrace, checkWhileStoring, saveGeneratedCheck } from "./auto-check";
import { announce, emit } from "./generation-events";
import { createPreviewRelay } from "./preview-relay";
import { loadRecipeSources, recipeFor, withProvenance } from "@/lib/studio/provenance";

const PROGRESS_WRITE_MS = 250;

/**
 * The runner's writes apply only while the generation is still running: with several instances,
 * one whose lease ran out may find its generation already settled by another (failed, interrupted).
 */
const STILL_RUNNING = { ifStatus: ["running"] } as const;

/** The job body: runs the backend, stores the images, and records how it ended. */
export async function runGeneration(
  generation: Generation,
  backend: ImageBackend,
  request: GenerateRequest,
  cancel: AbortSignal,
): Promise<void> {
  const { store } = deps();
  const startedAt = new Date();
  // Queued (embedded) or already claimed (Postgres); one that ended meanwhile (canceled, settled
  // by another instance) or went with its idea is not run at all.
  const running = await store.updateGeneration(
    generation.id,
    { status: "running", startedAt: startedAt.toISOString(), progress: 0 },
    { ifStatus: ["queued", "running"] },
  );
  if (!running) return;
  announce(generation.id, running);

  const limitMs = getConfig().timeouts.generateMs;
  const timeout = AbortSignal.timeout(limitMs);
  const signal = AbortSignal.any([cancel, timeout]);
  let lastWrite = 0;
  const onProgress = (fraction: number) => {
    const progress = Math.max(0, Math.min(1, fraction));
    emit(generation.id, { event: "progress", data: { progress } });
    const now = Date.now();
    if (now - lastWrite >= PROGRESS_WRITE_MS) {
      lastWrite = now;
      void store.updateGeneration(generation.id, { progress }, STILL_RUNNING).catch(() => undefined);
    }
  };

  const finish = () => {
    const finishedAt = new Date();
    return { finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - startedAt.getTime() };
  };

  // Live frames go to this generation's followers and nowhere else; stopped before any image is sent.
  const previews = getConfig().previews
    ? createPreviewRelay((data) => emit(generation.id, { event: "preview", data }))
    : undefined;

  // Read while the backend works (issue 12: off the path from the image to its stored file); each
  // image's recipe needs them once it arrives. Awaited below; a generation that fails never asks.
  const recipeSources = loadRecipeSources(generation.promptId);
  recipeSources.catch(() => undefined);

  let outputs: GeneratedImage[];
  try {
    outputs = await withRetries(
      () => backend.generate(request, { signal, onProgress, onPreview: previews?.onPreview }),
      getConfig().retry,
      signal,
      ({ attempt, delayMs, error }) => {
        const reason = error instanceof AppError ? scrubSecrets(error.message) : "the backend failed";
        // The whole error is logged once, if the generation finally fails; a retry needs only its reason.
        log.warn("generation retry", { generationId: generation.id, attempt, delayMs, reason });
        emit(generation.id, { event: "retry", data: { attempt, delayMs, reason } });
      },
    );
    if (outputs.length === 0) throw new AppError("backend_error", `${backend.label} returned no image.`);
  } catch (e) {
    previews?.stop();
    let error: AppError;
    // The queue may say why it stopped the job (its lease could not be renewed): that, not "Canceled".
    if (cancel.aborted) error = isAppError(cancel.reason) ? cancel.reason : new AppError("canceled", "Canceled.");
    else if (timeout.aborted || (isAbortError(e) && timeout.aborted)) {
      error = new AppError("timeout", `${backend.label} timed out after ${seconds(limitMs)} s.`, { cause: e });
    } else error = toAppError(e);
    await fail(generation, error, finish());
    return;
  }
  previews?.stop();

  const written: string[] = [];
  try {
    const { files } = deps();
    const images: NewImage[] = [];
    const createdAt = new Date().toISOString();
    const sources = await recipeSources;
    const timed = { ...generation, ...finish() };
    const checks: ImageCheck[] = [];
    for (const out of outputs) {
      const id = newId();
      // AUTO_CHECK offline: checked before the file is written, so its recipe carries the check.
      const check = await checkWhileStoring(id, sources.version, out, backend.id, signal);
      if (check) checks.push(check);
      const bytes = withProvenance(out.bytes, out.mime, recipeFor(sources, timed, out.seed, check));
      const { byteSize } = await files.put(id, bytes, out.mime);
      written.push(id);
      images.push({
        id,
        generationId: generation.id,
        promptId: generation.promptId,
        ideaId: generation.ideaId,
        width: out.width,
        height: out.height,
        seed: out.seed ?? null,
        mime: out.mime,
        byteSize,
        favorite: false,
        createdAt,
        // Versions the thumbnail's URL, so it can be cached for good (about 1 ms for a 1 MB PNG).
        contentHash: sha256(bytes),
      });
    }
    const done = await store.completeGeneration(
      generation.id,
      images,
      { status: "succeeded", progress: 1, ...finish() },
      STILL_RUNNING,
    );
    if (!done) {
      // Gone with its idea, or already settled by another instance (this one's lease ran out):
      // that answer stands, and the bytes written for it would be orphans.
      await removeFiles(written);
      log.warn("generation ended elsewhere while it ran; its images are dropped", { generationId: generation.id });
      return;
    }
    const stored = await store.listImagesForGeneration(generation.id);
    for (const image of stored) emit(generation.id, { event: "image", data: image });
    // The images are saved and succeeded: a check can only add a receipt, never fail this.
    for (const check of checks) {
      await saveGeneratedCheck(check).then(
        () => emit(generation.id, { event: "check", data: { imageId: check.imageId, check } }),
        (e: unknown) => log.warn("saving an automatic check failed", { imageId: check.imageId, error: e }),
      );
    }
    const checked = new Set(checks.map((c) => c.imageId));
    await autoCheckWithGrace(
      generation.id,
      stored.filter((image) => !checked.has(image.id)),
    );
    announce(generation.id, done);
    emit(generation.id, { event: "done", data: { ...done, images: stored } });
    log.info("generated", {
      generationId: generation.id,
      backend: backend.id,
      images: stored.length,
      ms: done.durationMs,
    });
  } catch (e) {
    // No file may outlive a failed write: the gallery must never point at nothing, nor disk hold orphans.
    await removeFiles(written);
    await fail(generation, toAppError(e), finish());
  }
}

async function removeFiles(ids: readonly string[]): Promise<void> {
  const { files } = deps();
  await Promise.all(ids.map((id) => files.remove(id).catch(() => undefined)));
}

/** "180", or "0.4" for the short limits tests and impatient operators set. */
function seconds(ms: number): string {
  return ms < 10_000 && ms % 1000 !== 0 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000));
}

async function fail(
  generation: Generation,
  error: AppError,
  times: { finishedAt: string; durationMs: number },
): Promise<void> {
  const { store } = deps();
  const status = error.code === "canceled" ? "canceled" : "failed";
  if (status === "failed")
    log.warn("generation failed", { generationId: generation.id, code: error.code, error: error.cause ?? error });
  const updated = await store.updateGeneration(
    generation.id,
    {
      status,
      error: status === "failed" ? { code: error.code, message: scrubSecrets(error.message) } : null,
      ...times,
    },
    STILL_RUNNING,
  );
  if (!updated) return;
  announce(generation.id, updated);
  if (status === "failed")
    emit(generation.id, {
      event: "error",
      data: { error: { code: error.code, message: scrubSecrets(error.message) }, generation: updated },
    });
  else emit(generation.id, { event: "done", data: { ...updated, images: [] } });
}
