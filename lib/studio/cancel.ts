import "server-only";
import { AppError } from "@/lib/errors";
import { getJobQueue } from "@/lib/jobs/queue";
import type { Generation } from "@/lib/schemas/entities";
import { deps } from "./deps";
import { announce } from "./generation-events";

const FINAL = new Set(["succeeded", "failed", "canceled"]);

/**
 * Asks a queued or running generation to stop. A queued one ends at once; a running one
 * ends as soon as its backend lets go (the answer may still say "running").
 */
export async function cancel(id: string): Promise<Generation> {
  const { store } = deps();
  const generation = await store.getGeneration(id);
  if (!generation) throw new AppError("not_found", "The generation was not found.");
  if (FINAL.has(generation.status)) return generation;
  const known = getJobQueue().cancel(id);
  if (!known) {
    // Not in this process's queue (e.g. left over from before a restart): end it here.
    const updated = await store.updateGeneration(id, { status: "canceled", finishedAt: new Date().toISOString() });
    if (updated) announce(id, updated);
    return updated ?? generation;
  }
  // Give the queue a tick to drop a waiting job, so the answer is usually final.
  await new Promise((r) => setTimeout(r, 20));
  return (await store.getGeneration(id)) ?? generation;
}
