import "server-only";
import { getJobs } from "@/lib/jobs";
import { fixChannel } from "./events";

/**
 * The loops this process runs: each with the controller that stops it. A cancel on any instance
 * reaches the runner through the bus (the loop's channel says it ended), so it stops at once.
 */
type Running = { abort: AbortController; done: Promise<void> };

const KEY = Symbol.for("promptsmith.fix-runners");
const g = globalThis as unknown as Record<symbol, Map<string, Running> | undefined>;

function runners(): Map<string, Running> {
  g[KEY] ??= new Map();
  return g[KEY];
}

/** Runs `work` in the background as loop `id`'s runner, once per process. */
export function runInBackground(id: string, work: (signal: AbortSignal) => Promise<void>): void {
  const map = runners();
  if (map.has(id)) return;
  const abort = new AbortController();
  const off = getJobs().bus.subscribe(fixChannel(id), (e) => {
    if (e.event === "changed" && (e.data as { status?: string } | null)?.status !== "running") abort.abort();
  });
  const done = work(abort.signal).finally(() => {
    off();
    map.delete(id);
  });
  map.set(id, { abort, done });
}

/** Stops this process's runner of the loop, if it has one. */
export function abortRunner(id: string): void {
  runners().get(id)?.abort.abort();
}

/** Tests: resolves when the loop's runner in this process has returned. */
export async function runnerSettled(id: string): Promise<void> {
  await runners().get(id)?.done;
}
