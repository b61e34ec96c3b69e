import "server-only";
import { getJobQueue } from "@/lib/jobs/queue";
import { publish } from "@/lib/jobs/events";
import type { Generation, GenerationWithImages, Image } from "@/lib/schemas/entities";

/** The events a generation's SSE stream carries (GET /api/generations/:id/events). */
export type GenerationEvent =
  | { event: "generation"; data: Generation & { ahead: number | null } }
  | { event: "progress"; data: { progress: number } }
  | { event: "retry"; data: { attempt: number; delayMs: number; reason: string } }
  | { event: "image"; data: Image }
  | { event: "done"; data: GenerationWithImages }
  | { event: "error"; data: { error: { code: string; message: string }; generation: Generation } };

export function withQueuePosition(generation: Generation): Generation & { ahead: number | null } {
  return { ...generation, ahead: generation.status === "queued" ? (getJobQueue().ahead(generation.id) ?? null) : null };
}

/** Tells listeners the generation changed; with no generation given, only the queue moved. */
export function announce(id: string, generation?: Generation): void {
  if (generation) publish(id, { event: "generation", data: withQueuePosition(generation) });
  publish("queue", { event: "moved", data: null });
}

export function emit(id: string, event: GenerationEvent): void {
  publish(id, event);
}
