import "server-only";
import { EventEmitter } from "node:events";

export type JobEvent = { event: string; data: unknown };

// One bus per process, kept on globalThis so Next's module reloading in dev doesn't split it.
const key = Symbol.for("promptsmith.jobEvents");
const g = globalThis as unknown as Record<symbol, EventEmitter | undefined>;
const bus: EventEmitter = g[key] ?? new EventEmitter();
bus.setMaxListeners(0);
g[key] = bus;

export function publish(jobId: string, event: JobEvent): void {
  bus.emit(jobId, event);
}

/** Returns the unsubscribe function. */
export function subscribe(jobId: string, listener: (event: JobEvent) => void): () => void {
  bus.on(jobId, listener);
  return () => bus.off(jobId, listener);
}
