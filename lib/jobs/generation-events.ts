import "server-only";
import type { ImageCheck } from "@/lib/schemas/checks";
import type { Generation, GenerationWithImages, Image } from "@/lib/schemas/entities";
import { getJobs } from "./index";
import type { PreviewEvent } from "./preview-relay";

/** The events a generation's SSE stream carries (GET /api/generations/:id/events). */
export type GenerationEvent =
  | { event: "generation"; data: Generation }
  | { event: "progress"; data: { progress: number } }
  /** A live frame of the image being made (lib/jobs/preview-relay.ts): never stored, this instance only. */
  | { event: "preview"; data: PreviewEvent }
  | { event: "retry"; data: { attempt: number; delayMs: number; reason: string } }
  | { event: "image"; data: Image }
  /** An automatic check of a new image (AUTO_CHECK), before `done` when it is quick enough. */
  | { event: "check"; data: { imageId: string; check: ImageCheck } }
  | { event: "done"; data: GenerationWithImages }
  | { event: "error"; data: { error: { code: string; message: string }; generation: Generation } };

/** The channel on which every follower hears that some queue moved (their place may have changed). */
export const QUEUE_CHANNEL = "queue";

/** Its place in its backend's queue, read where it is sent (the queue may be on another instance). */
export async function withQueuePosition(generation: Generation): Promise<Generation & { ahead: number | null }> {
  return { ...generation, ahead: generation.status === "queued" ? await getJobs().queue.ahead(generation) : null };
}

/**
 * Tells followers the generation changed; with no generation given, only the queue moved. The
 * follower adds the queue position (`ahead`) when it sends the event on.
 */
export function announce(id: string, generation?: Generation): void {
  const { bus } = getJobs();
  if (generation) bus.publish(id, { event: "generation", data: generation });
  bus.publish(QUEUE_CHANNEL, { event: "moved", data: null });
}

export function emit(id: string, event: GenerationEvent): void {
  // Previews stay on this instance: with Postgres, NOTIFY would refuse most frames (8000 bytes),
  // and the marker sent instead would make every other follower re-read the database for nothing.
  getJobs().bus.publish(id, event, event.event === "preview" ? { localOnly: true } : undefined);
}
