import "server-only";
import { AppError } from "@/lib/errors";
import { getJobs } from "@/lib/jobs";
import type { Generation } from "@/lib/schemas/entities";
import { getStore } from "@/lib/store";

const FINAL = new Set<Generation["status"]>(["succeeded", "failed", "canceled"]);
/** A re-read now and then, in case the bus loses an event (Postgres NOTIFY is best effort). */
const POLL_MS = 1000;

/**
 * Waits for a generation to end, through its job events (any instance may run it), and answers
 * its final row. Throws `canceled` when `signal` aborts (the generation itself is not touched).
 */
export function waitForGeneration(id: string, signal: AbortSignal): Promise<Generation> {
  return new Promise<Generation>((resolve, reject) => {
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      off();
      signal.removeEventListener("abort", onAbort);
      fn();
    };
    const read = () => {
      if (done) return;
      void getStore()
        .getGeneration(id)
        .then((g) => {
          if (!g) return finish(() => reject(new AppError("not_found", "The round's generation is gone.")));
          if (FINAL.has(g.status)) return finish(() => resolve(g));
          clearTimeout(timer);
          timer = setTimeout(read, POLL_MS);
        })
        .catch((e: unknown) => finish(() => reject(e)));
    };
    const onAbort = () => finish(() => reject(new AppError("canceled", "Stopped.")));
    const off = getJobs().bus.subscribe(id, (e) => {
      if (e.event === "done" || e.event === "error" || e.event === "generation") read();
    });
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    read();
  });
}
