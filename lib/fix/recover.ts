import "server-only";
import { getConfig } from "@/lib/config";
import { getJobs } from "@/lib/jobs";
import { log } from "@/lib/log";
import { getStore } from "@/lib/store";
import { runLoop } from "./run-loop";
import { runInBackground } from "./runners";

/**
 * Loops left running by a process that stopped are resumed, not ended: every step of a loop is
 * saved before the next (the round's version, its generation, its image, its score), so the
 * runner picks up at the step it was in; a round whose generation the restart interrupted makes
 * its image again from the saved version. Nothing is lost and nobody has to press Fix again.
 *
 * - Embedded (one process owns every row): every running loop was this server's; resume them all.
 * - Shared (Postgres): other instances may be running loops right now; take only those whose
 *   lease ran out (their owner died), at start and then every lease period. The claim is one
 *   guarded UPDATE, so two instances never both take a loop.
 */
export async function recoverFixLoops(): Promise<number> {
  const { shared, instanceId } = getJobs();
  const leaseMs = getConfig().jobLeaseMs;
  const store = getStore();
  let resumed = 0;
  for (const loop of await store.listFixLoopsByStatus(["running"])) {
    const now = Date.now();
    const claimed = await store.updateFixLoop(
      loop.id,
      { owner: instanceId, leaseUntil: now + leaseMs },
      { ifStatus: ["running"], ...(shared ? { ifLeaseBefore: now } : {}) },
    );
    if (!claimed) continue;
    runInBackground(loop.id, (signal) => runLoop(loop.id, signal));
    resumed++;
  }
  if (resumed) log.warn("fix loops resumed", { resumed });
  return resumed;
}

/** Shared mode: looks for loops whose owner died, now and then, for as long as the process runs. */
export function watchFixLoops(): void {
  if (!getJobs().shared) return;
  const timer = setInterval(
    () => void recoverFixLoops().catch((error: unknown) => log.warn("fix loop sweep failed", { error })),
    getConfig().jobLeaseMs,
  );
  timer.unref?.();
}
