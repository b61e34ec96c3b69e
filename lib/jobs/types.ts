import type { Generation } from "@/lib/schemas/entities";

/**
 * The generation lifecycle's parts, each with an in-process implementation (the embedded mode)
 * and a Postgres one (any number of instances on one database). lib/jobs/index.ts picks them.
 */

/** Runs one claimed generation on its backend until it ends; `signal` aborts on cancel or a lost lease. */
export type RunJob = (generation: Generation, signal: AbortSignal) => Promise<void>;

export interface JobQueue {
  /** A saved, queued generation: run it when its backend has room, first in, first out per backend. */
  enqueue(generation: Generation): Promise<void>;
  /**
   * Asks a queued or running generation to stop, wherever it runs. False when no queue has it
   * (a row left queued or running by something else); the caller then ends it itself.
   */
  cancel(id: string): Promise<boolean>;
  /** How many generations wait before it on its backend; null unless it is queued. */
  ahead(generation: Generation): Promise<number | null>;
  /** At start: settle what a dead process left, queue again what waits, begin taking work. */
  start(): Promise<void>;
  /** Stops taking work (tests, shutdown); running jobs are not waited for. */
  close(): Promise<void>;
}

/**
 * Generations queued or running per client: one client cannot fill every backend's queue. A
 * place is taken before the (slow) moderation call, so two requests at once cannot both squeeze in.
 */
export interface ClientCap {
  /** Places for all of `jobIds`, or none and a 429 `rate_limited` naming the limit. */
  reserve(client: string, jobIds: readonly string[], max: number): Promise<void>;
  /** Frees the places (idempotent; unknown ids are ignored). */
  release(jobIds: readonly string[]): Promise<void>;
  count(client: string): Promise<number>;
}

export type JobEvent = { event: string; data: unknown };

/** Publishes a generation's events to every follower, on this instance or (Postgres) any other. */
export interface EventBus {
  /**
   * `localOnly`: for this instance's subscribers only (live previews: ephemeral, and too large
   * for a NOTIFY; a follower on another instance sees progress without them).
   */
  publish(channel: string, event: JobEvent, options?: { localOnly?: boolean }): void;
  /** Returns the unsubscribe function. */
  subscribe(channel: string, listener: (event: JobEvent) => void): () => void;
  close(): Promise<void>;
}
