import "server-only";
import { AppError } from "@/lib/errors";
import type { Generation } from "@/lib/schemas/entities";
import { getStore } from "@/lib/store";
import { getJobs } from "./index";
import { markCanceledWhileQueued } from "./settle";

const FINAL = new Set(["succeeded", "failed", "canceled"]);

/**
 * Asks a queued or running generation to stop, from any instance. A queued one ends at once; a
 * running one ends as soon as its backend lets go (the answer may still say "running").
 */
export async function cancel(id: string): Promise<Generation> {
  const store = getStore();
  const generation = await store.getGeneration(id);
  if (!generation) throw new AppError("not_found", "The generation was not found.");
  if (FINAL.has(generation.status)) return generation;
  const known = await getJobs().queue.cancel(id);
  // No queue has it (e.g. a row left over from before a restart): end it here.
  if (!known) return (await markCanceledWhileQueued(generation)) ?? generation;
  // Give the queue a tick to drop a waiting job, so the answer is usually final.
  await new Promise((r) => setTimeout(r, 20));
  return (await store.getGeneration(id)) ?? generation;
}
