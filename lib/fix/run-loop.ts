import "server-only";
import { getConfig } from "@/lib/config";
import { AppError, toAppError } from "@/lib/errors";
import { getJobs } from "@/lib/jobs";
import { cancel as cancelGeneration } from "@/lib/jobs/cancel";
import { log } from "@/lib/log";
import type { FixLoop, FixRound, ImageCheck } from "@/lib/schemas/checks";
import type { GenerateBody, RefineBody } from "@/lib/schemas/api";
import { REFINER_IDS } from "@/lib/refine/registry";
import { checkImage } from "@/lib/studio/check-image";
import { generate } from "@/lib/studio/generate";
import { prepareRefine } from "@/lib/studio/refine";
import { getStore } from "@/lib/store";
import type { FixLoopPatch, FixLoopRecord } from "@/lib/store/types";
import { announceLoop } from "./events";
import { allPassed, fixInstruction } from "./instruction";
import { waitForGeneration } from "./wait-generation";

/** Thrown inside the runner when the loop is no longer its to write (canceled, or claimed elsewhere). */
class LoopGone extends Error {}

/**
 * Drives one loop until it ends, from whatever its row says so far: a fresh loop, or one resumed
 * after a restart (a round whose generation is still out is waited for, one whose image is not
 * checked yet is checked). Every step is saved before the next starts, so a restart loses nothing.
 * A cancel (any instance) ends the row first; this runner then sees its writes refused and stops.
 */
export async function runLoop(id: string, signal: AbortSignal): Promise<void> {
  const owner = getJobs().instanceId;
  const leaseMs = getConfig().jobLeaseMs;
  const store = getStore();

  /** Saves a change while the loop is still running and still this instance's, and tells followers. */
  const save = async (patch: FixLoopPatch): Promise<FixLoopRecord> => {
    const saved = await store.updateFixLoop(
      id,
      { ...patch, leaseUntil: Date.now() + leaseMs },
      { ifStatus: ["running"], ifOwner: owner },
    );
    if (!saved) throw new LoopGone();
    announceLoop(saved);
    return saved;
  };
  const end = (status: FixLoop["status"], reason: FixLoop["reason"], extra: FixLoopPatch = {}) =>
    save({ ...extra, status, reason, finishedAt: new Date().toISOString(), owner: null, leaseUntil: null });

  // The lease is renewed while a long step (a slow backend) runs, so no other instance takes over.
  const renew = setInterval(
    () => void store.updateFixLoop(id, { leaseUntil: Date.now() + leaseMs }, { ifStatus: ["running"], ifOwner: owner }),
    Math.max(1000, Math.floor(leaseMs / 3)),
  );
  renew.unref?.();
  try {
    let loop = await store.getFixLoop(id);
    if (loop?.status !== "running") return;
    while (true) {
      if (signal.aborted) return;
      const last = loop.rounds.at(-1);
      if (last && last.score === null) {
        loop = await finishRound(loop, last, signal, save, end);
        if (loop.status !== "running") return;
        continue;
      }
      if (loop.rounds.length >= loop.maxRounds) {
        await end("done", "max_rounds");
        return;
      }
      loop = await startRound(loop, signal, save);
    }
  } catch (e) {
    if (e instanceof LoopGone) return;
    const current = await store.getFixLoop(id).catch(() => undefined);
    // Canceled meanwhile: the cancel wrote how it ended; the abort is not an error.
    if (current?.status !== "running") return;
    const error = toAppError(e);
    log.warn("fix loop failed", { id, code: error.code, error: error.cause ?? error });
    await end("failed", "error", { error: { code: error.code, message: error.message } }).catch(() => undefined);
  } finally {
    clearInterval(renew);
  }
}

type Save = (patch: FixLoopPatch) => Promise<FixLoopRecord>;
type End = (status: FixLoop["status"], reason: FixLoop["reason"], extra?: FixLoopPatch) => Promise<FixLoopRecord>;

/** The score to beat: the best image's (the starting image's check until a round beats it). */
async function bestScore(loop: FixLoopRecord): Promise<number> {
  const round = loop.rounds.find((r) => r.imageId !== null && r.imageId === loop.bestImageId);
  if (round?.score != null) return round.score;
  return (await getStore().getLatestCheck(loop.bestImageId ?? loop.imageId))?.score ?? 0;
}

/** (a) a child of the best version, naming the misses; (b) its image, same seed, params and backend. */
async function startRound(loop: FixLoopRecord, signal: AbortSignal, save: Save): Promise<FixLoopRecord> {
  const store = getStore();
  const bestId = loop.bestImageId ?? loop.imageId;
  const [best, check, original] = await Promise.all([
    store.getImage(bestId),
    store.getLatestCheck(bestId),
    store.getImage(loop.imageId),
  ]);
  if (!best || !original) throw new AppError("not_found", "The image this loop fixes is gone.");
  if (!check) throw new AppError("invalid_request", "The best image so far has no check.");
  const generation = await store.getGeneration(original.generationId);
  if (!generation) throw new AppError("not_found", "The image's generation is gone.");

  const parent = await store.getVersion(best.promptId);
  // The refiner that wrote the version being fixed, when it is one (a hand edit's "manual" is not).
  const refiner = parent && (REFINER_IDS as string[]).includes(parent.refiner) ? parent.refiner : undefined;
  const prepared = await prepareRefine(
    {
      parentId: best.promptId,
      instruction: fixInstruction(check.items),
      backend: generation.backend,
      ...(refiner ? { refiner } : {}),
    } as RefineBody,
    { source: "fix" },
  );
  const version = await prepared.run({ signal });
  if (signal.aborted) throw new AppError("canceled", "Stopped.");

  const started = await generateLike(loop, version.id, signal);
  const round: FixRound = { versionId: version.id, generationId: started.id, imageId: null, score: null };
  try {
    return await save({ rounds: [...loop.rounds, round] });
  } catch (e) {
    // Canceled between the enqueue and the save: the cancel could not see this generation.
    await cancelGeneration(started.id).catch(() => undefined);
    throw e;
  }
}

/** The version's image with the same seed, params and backend as the image the loop started from. */
async function generateLike(loop: FixLoopRecord, versionId: string, signal: AbortSignal) {
  const store = getStore();
  const original = await store.getImage(loop.imageId);
  const generation = original && (await store.getGeneration(original.generationId));
  if (!original || !generation) throw new AppError("not_found", "The image this loop fixes is gone.");
  const { n: _n, seed: _seed, ...params } = generation.params;
  const seed = original.seed ?? generation.params.seed;
  const body = {
    promptId: versionId,
    backend: generation.backend,
    params: { ...params, n: 1, ...(seed != null ? { seed } : {}) },
  } as GenerateBody;
  return generate(body, { signal });
}

/** (b') waits for the round's image; (c) checks it and decides whether to go on. */
async function finishRound(
  loop: FixLoopRecord,
  round: FixRound,
  signal: AbortSignal,
  save: Save,
  end: End,
): Promise<FixLoopRecord> {
  const store = getStore();
  const index = loop.rounds.length - 1;
  const withRound = (r: FixRound) => loop.rounds.map((x, i) => (i === index ? r : x));

  let imageId = round.imageId;
  if (imageId === null) {
    const generation = await waitForGeneration(round.generationId, signal);
    if (generation.status === "failed" && generation.error?.code === "interrupted") {
      // A restart stopped it (lib/jobs/recover.ts): the round's version is saved, so only its
      // image is made again; the round keeps its place.
      const again = await generateLike(loop, round.versionId, signal);
      return save({ rounds: withRound({ ...round, generationId: again.id }) });
    }
    if (generation.status !== "succeeded") {
      const error = generation.error ?? { code: "canceled", message: "The round's generation was canceled." };
      throw new AppError(error.code as never, error.message);
    }
    const images = await store.listImagesForGeneration(generation.id);
    const image = images[0];
    if (!image) throw new AppError("backend_error", "The round's generation made no image.");
    imageId = image.id;
    loop = await save({ rounds: withRound({ ...round, imageId }) });
  }

  const check: ImageCheck = (await store.getLatestCheck(imageId)) ?? (await checkImage(imageId, { signal }));
  if (signal.aborted) throw new AppError("canceled", "Stopped.");
  const toBeat = await bestScore(loop);
  const rounds = withRound({ ...round, imageId, score: check.score });
  if (allPassed(check.items)) return end("done", "all_passed", { rounds, bestImageId: imageId });
  if (check.score <= toBeat) return end("done", "no_better", { rounds });
  if (rounds.length >= loop.maxRounds) return end("done", "max_rounds", { rounds, bestImageId: imageId });
  return save({ rounds, bestImageId: imageId });
}
