import "server-only";
import type { Generation } from "@/lib/schemas/entities";
import { announce } from "./generation-events";
import { getJobs } from "./index";

/**
 * Hands a saved, queued generation to the job queue. The client's place (taken before it was
 * saved) is freed when the generation ends, whichever instance runs it.
 */
export async function enqueueGeneration(generation: Generation): Promise<void> {
  await getJobs().queue.enqueue(generation);
  announce(generation.id);
}
