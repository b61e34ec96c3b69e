import type { FixLoop } from "@/lib/schemas/checks";

/** The loop's state in words ("Round 2 of 3: generating…", "Done: every item passes"). */
export function fixLoopStatus(loop: FixLoop): string {
  const n = loop.rounds.length;
  if (loop.status === "running") {
    const last = loop.rounds.at(-1);
    if (last && last.score === null) {
      return `Round ${n} of ${loop.maxRounds}: ${last.imageId === null ? "generating…" : "checking…"}`;
    }
    return `Round ${Math.min(n + 1, loop.maxRounds)} of ${loop.maxRounds}: refining…`;
  }
  if (loop.status === "canceled") return n > 0 ? `Canceled after ${n} of ${loop.maxRounds} rounds` : "Canceled";
  if (loop.status === "failed") return `Failed: ${loop.error?.message ?? "something went wrong"}`;
  if (loop.reason === "all_passed") return "Done: every item passes";
  if (loop.reason === "no_better") return `Stopped: round ${n} was no better`;
  return `Stopped after ${n} rounds: the best is marked`;
}

/** "4 of 5" when the item count is known, else a percentage. */
export function scoreText(score: number, items: number | undefined): string {
  if (items && items > 0) return `${Math.round(score * items)} of ${items}`;
  return `${Math.round(score * 100)} %`;
}
