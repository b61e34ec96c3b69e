import "server-only";
import { getStore } from "@/lib/store";
import type { Generation } from "@/lib/schemas/entities";
import { announce } from "./generation-events";
import { getJobs } from "./index";

/** A generation canceled before it started: it never reached a backend, so it just ends. */
export async function markCanceledWhileQueued(generation: Pick<Generation, "id">): Promise<Generation | undefined> {
  await getJobs().cap.release([generation.id]);
  // Guarded: a generation that ended meanwhile (it finished, or another instance settled it) keeps its end.
  const updated = await getStore().updateGeneration(
    generation.id,
    { status: "canceled", finishedAt: new Date().toISOString() },
    { ifStatus: ["queued", "running"] },
  );
  if (updated) announce(generation.id, updated);
  return updated;
}
