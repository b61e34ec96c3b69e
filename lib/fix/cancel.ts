import "server-only";
import { AppError } from "@/lib/errors";
import { cancel as cancelGeneration } from "@/lib/jobs/cancel";
import type { FixLoop } from "@/lib/schemas/checks";
import { getStore } from "@/lib/store";
import { announceLoop, publicLoop } from "./events";
import { abortRunner } from "./runners";

/**
 * POST /api/fix-loops/:id/cancel, from any instance: ends the row first (so the runner's next
 * write is refused), stops the round's generation if it is still out, and tells the runner
 * (through the bus) to stop its refine or its wait. A loop that already ended answers as it is.
 */
export async function cancelFixLoop(id: string): Promise<FixLoop> {
  const store = getStore();
  const ended = await store.updateFixLoop(
    id,
    { status: "canceled", reason: "canceled", finishedAt: new Date().toISOString(), owner: null, leaseUntil: null },
    { ifStatus: ["running"] },
  );
  if (!ended) {
    const loop = await store.getFixLoop(id);
    if (!loop) throw new AppError("not_found", "The fix loop was not found.");
    return publicLoop(loop);
  }
  abortRunner(id);
  announceLoop(ended);
  const out = ended.rounds.at(-1);
  if (out && out.imageId === null) await cancelGeneration(out.generationId).catch(() => undefined);
  return publicLoop(ended);
}
