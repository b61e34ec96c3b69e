import "server-only";
import type { SseSender } from "@/lib/http/sse";
import { subscribe } from "@/lib/jobs/events";
import type { GenerationWithImages } from "@/lib/schemas/entities";
import { withQueuePosition } from "./generation-events";
import { getGenerationWithImages } from "./queries";

/**
 * Streams a generation's events until it ends or the client leaves. It subscribes before it
 * reads the current state, so nothing that happens in between is missed; a page that reloads
 * mid-generation picks up where it is.
 */
export function followGeneration(initial: GenerationWithImages, sse: SseSender, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    let finished = false;
    const end = () => {
      if (finished) return;
      finished = true;
      offJob();
      offQueue();
      resolve();
    };
    const offJob = subscribe(initial.id, (e) => {
      sse.send(e.event, e.data);
      if (e.event === "done" || e.event === "error") end();
    });
    const offQueue = subscribe("queue", () => {
      void getGenerationWithImages(initial.id).then((g) => {
        if (g && g.status === "queued") sse.send("generation", withQueuePosition(g));
      });
    });
    signal.addEventListener("abort", end, { once: true });

    void getGenerationWithImages(initial.id).then((current) => {
      const g = current ?? initial;
      sse.send("generation", withQueuePosition(g));
      if (g.status === "succeeded" || g.status === "canceled") {
        sse.send("done", g);
        end();
      } else if (g.status === "failed") {
        sse.send("error", { error: g.error ?? { code: "internal", message: "Failed." }, generation: g });
        end();
      }
    });
  });
}
