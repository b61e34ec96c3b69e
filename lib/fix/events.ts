import "server-only";
import { getJobs } from "@/lib/jobs";
import type { FixLoop } from "@/lib/schemas/checks";
import type { FixLoopRecord } from "@/lib/store/types";

/** The bus channel of one loop: its followers and (for a cancel) its runner listen on it. */
export function fixChannel(id: string): string {
  return `fix:${id}`;
}

/** The public shape: the runner's bookkeeping (owner, lease, idea) stays on the server. */
export function publicLoop(r: FixLoopRecord): FixLoop {
  return {
    id: r.id,
    imageId: r.imageId,
    status: r.status,
    maxRounds: r.maxRounds,
    reason: r.reason,
    rounds: r.rounds,
    bestImageId: r.bestImageId,
    error: r.error,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  };
}

/**
 * Tells every follower (on any instance) the loop changed. Only a nudge travels; followers read
 * the row, so a lost or reordered event never shows an older loop.
 */
export function announceLoop(loop: FixLoopRecord): void {
  getJobs().bus.publish(fixChannel(loop.id), { event: "changed", data: { status: loop.status } });
}
