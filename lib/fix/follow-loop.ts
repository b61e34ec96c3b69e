import "server-only";
import type { SseSender } from "@/lib/http/sse";
import { getJobs } from "@/lib/jobs";
import { log } from "@/lib/log";
import { getStore } from "@/lib/store";
import { fixChannel, publicLoop } from "./events";

/** How often a follower re-reads the loop when the bus is shared between instances (best effort). */
const POLL_MS = 1000;

/**
 * GET /api/fix-loops/:id/events: `round` with the whole loop after each change, then `done` (it
 * ended: done or canceled) or `error` (failed). Subscribes before it reads, so nothing in between
 * is missed; every nudge re-reads the row, so what is sent is never older than what was sent.
 * A page that reloads mid-loop picks up where it is.
 */
export function followFixLoop(id: string, sse: SseSender, signal: AbortSignal): Promise<void> {
  const { bus, shared } = getJobs();
  return new Promise<void>((resolve) => {
    let finished = false;
    let lastSent = "";
    let timer: ReturnType<typeof setTimeout> | undefined;
    let reading: Promise<void> = Promise.resolve();

    const end = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      off();
      resolve();
    };
    const read = () => {
      reading = reading.then(async () => {
        if (finished) return;
        const record = await getStore()
          .getFixLoop(id)
          .catch((error: unknown) => log.debug("follow: re-reading a fix loop failed", { id, error }));
        if (finished || !record) return;
        const loop = publicLoop(record);
        const text = JSON.stringify(loop);
        if (text !== lastSent) {
          lastSent = text;
          sse.send("round", loop);
        }
        if (loop.status === "failed") {
          sse.send("error", { error: loop.error ?? { code: "internal", message: "Failed." }, loop });
          return end();
        }
        if (loop.status !== "running") {
          sse.send("done", loop);
          return end();
        }
        if (shared) {
          clearTimeout(timer);
          timer = setTimeout(read, POLL_MS);
        }
      });
    };
    const off = bus.subscribe(fixChannel(id), () => read());
    signal.addEventListener("abort", end, { once: true });
    read();
  });
}
