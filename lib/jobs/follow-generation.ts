import "server-only";
import type { SseSender } from "@/lib/http/sse";
import { log } from "@/lib/log";
import type { Generation, GenerationWithImages } from "@/lib/schemas/entities";
import { getGenerationWithImages } from "@/lib/studio/queries";
import { QUEUE_CHANNEL, withQueuePosition } from "./generation-events";
import { getJobs } from "./index";
import { STALE_EVENT } from "./postgres-bus";
import type { EventBus } from "./types";

/** How often a follower re-reads its generation when the jobs are shared between instances. */
export const FOLLOW_POLL_MS = 1000;

export type FollowOptions = {
  /** Defaults to the jobs' bus. */
  bus?: EventBus;
  /** Re-read the database now and then, in case the bus loses an event. Defaults to the jobs' `shared`. */
  poll?: boolean;
  pollMs?: number;
};

/** queued < running < ended: a re-read never takes the page back to an older state. */
const RANK: Record<Generation["status"], number> = { queued: 0, running: 1, succeeded: 2, failed: 2, canceled: 2 };

/**
 * Streams a generation's events until it ends or the client leaves. It subscribes before it
 * reads the current state, so nothing that happens in between is missed; a page that reloads
 * mid-generation picks up where it is. The generation may run on another instance: its events
 * come through the bus, and the queue position is read here, where it is sent.
 *
 * Between instances the bus is best effort (Postgres NOTIFY is lost while a connection is down),
 * so with shared jobs the follower also re-reads the generation every `pollMs`, and at once when
 * the bus says it went stale; a re-read sends only what the page has not seen yet.
 */
export function followGeneration(
  initial: GenerationWithImages,
  sse: SseSender,
  signal: AbortSignal,
  options: FollowOptions = {},
): Promise<void> {
  const bus = options.bus ?? getJobs().bus;
  const poll = options.poll ?? getJobs().shared;
  const pollMs = options.pollMs ?? FOLLOW_POLL_MS;
  return new Promise<void>((resolve) => {
    let finished = false;
    // What the page has been sent, so a re-read of the database sends only news.
    let seen: { status: Generation["status"]; progress: number } | undefined;
    const saw = (status: Generation["status"] | undefined, progress: number | undefined) => {
      if (!seen) {
        if (status) seen = { status, progress: progress ?? 0 };
        return;
      }
      if (status) seen.status = status;
      if (typeof progress === "number") seen.progress = progress;
    };
    // A queue position is read asynchronously; sends stay in the order the events came. The chain
    // starts once the current state is read (below): the page hears that first, and whatever the
    // bus brought meanwhile after it, never a progress before the generation it belongs to.
    let openGate: (first: () => Promise<void>) => void = () => undefined;
    let sending: Promise<void> = new Promise<() => Promise<void>>((open) => {
      openGate = open;
    })
      .then((first) => first())
      .catch(() => undefined);
    const inOrder = (send: () => Promise<void> | void) => {
      sending = sending.then(send).catch(() => undefined);
    };
    let lastSent = "";
    /** Sends the generation with its place in the queue, unless the page has exactly that already. */
    const sendPositioned = async (g: Generation) => {
      const positioned = await withQueuePosition(g);
      // After the first state: it left the queue between the event and the count, and its
      // "running" is on the way; a queued state with no place would only flicker.
      if (lastSent && positioned.status === "queued" && positioned.ahead === null) return;
      const text = JSON.stringify(positioned);
      if (text === lastSent) return;
      lastSent = text;
      sse.send("generation", positioned);
    };
    const sendGeneration = (g: Generation) =>
      inOrder(async () => {
        if (finished) return;
        await sendPositioned(g);
        saw(g.status, g.progress);
      });
    /** Sends how it ended and stops, when `g` has ended (inside inOrder). */
    const settle = (g: GenerationWithImages) => {
      if (finished) return;
      if (g.status === "succeeded" || g.status === "canceled") {
        sse.send("done", g);
        end();
      } else if (g.status === "failed") {
        sse.send("error", { error: g.error ?? { code: "internal", message: "Failed." }, generation: g });
        end();
      }
    };

    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      if (poll && !finished) timer = setTimeout(reread, pollMs);
    };
    let reading = false;
    let again = false;
    /** Reads the generation and sends what changed since the page last heard of it. */
    const reread = () => {
      if (finished) return;
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      clearTimeout(timer);
      void getGenerationWithImages(initial.id)
        .then((g) => {
          if (!g) return;
          inOrder(async () => {
            if (finished) return;
            const newer =
              !seen || RANK[g.status] > RANK[seen.status] || (g.status === seen.status && g.progress > seen.progress);
            if (newer) {
              await sendPositioned(g);
              saw(g.status, g.progress);
            }
            settle(g);
          });
        })
        .catch((error: unknown) => log.debug("follow: re-reading a generation failed", { id: initial.id, error }))
        .finally(() => {
          reading = false;
          if (finished) return;
          if (again) {
            again = false;
            reread();
          } else schedule();
        });
    };

    const end = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      offJob();
      offQueue();
      resolve();
    };
    const offJob = bus.subscribe(initial.id, (e) => {
      // The bus missed something (an event too large for it, a lost connection): read the database.
      if (e.event === STALE_EVENT) return reread();
      if (e.event === "generation") return sendGeneration(e.data as Generation);
      inOrder(() => {
        if (finished) return;
        sse.send(e.event, e.data);
        if (e.event === "progress") saw(undefined, (e.data as { progress?: number } | null)?.progress);
        if (e.event === "done" || e.event === "error") end();
      });
    });
    const offQueue = bus.subscribe(QUEUE_CHANNEL, () => {
      void getGenerationWithImages(initial.id).then((g) => {
        if (g && g.status === "queued") sendGeneration(g);
      });
    });
    signal.addEventListener("abort", end, { once: true });

    void getGenerationWithImages(initial.id)
      .catch((error: unknown) => {
        log.debug("follow: reading a generation failed", { id: initial.id, error });
        return undefined;
      })
      .then((current) => {
        const g = current ?? initial;
        openGate(async () => {
          if (finished) return;
          await sendPositioned(g);
          saw(g.status, g.progress);
          settle(g);
        });
        schedule();
      });
  });
}
