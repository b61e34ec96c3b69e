import "server-only";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { getJobs } from "@/lib/jobs";
import { FIX_LIMITS, type FixBody, type FixLoop } from "@/lib/schemas/checks";
import { getStore } from "@/lib/store";
import { publicLoop } from "./events";
import { runLoop } from "./run-loop";
import { runInBackground } from "./runners";

/**
 * POST /api/images/:id/fix: saves a running loop for a checked image with misses and runs it in
 * the background on this server (202 at once). The page follows it by id; leaving the page does
 * not stop it.
 */
export async function startFixLoop(imageId: string, body: FixBody = {}): Promise<FixLoop> {
  const store = getStore();
  const image = await store.getImage(imageId);
  if (!image) throw new AppError("not_found", "The image was not found.");
  const check = await store.getLatestCheck(imageId);
  if (!check) throw new AppError("invalid_request", "Check the image first: a fix loop starts from its check.");
  if (!check.items.some((i) => i.verdict === "fail")) {
    throw new AppError("invalid_request", "Nothing to fix: no item of the image's check failed.");
  }
  const loop = {
    id: newId(),
    imageId,
    ideaId: image.ideaId,
    status: "running" as const,
    maxRounds: body.maxRounds ?? FIX_LIMITS.defaultRounds,
    reason: null,
    rounds: [],
    bestImageId: imageId,
    error: null,
    createdAt: new Date().toISOString(),
    finishedAt: null,
    owner: getJobs().instanceId,
    leaseUntil: Date.now() + getConfig().jobLeaseMs,
  };
  await store.createFixLoop(loop);
  runInBackground(loop.id, (signal) => runLoop(loop.id, signal));
  return publicLoop(loop);
}
