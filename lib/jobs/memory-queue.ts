import "server-only";
import PQueue from "p-queue";
import type { Generation } from "@/lib/schemas/entities";
import type { JobQueue, RunJob } from "./types";

type Task = (signal: AbortSignal) => Promise<void>;

/**
 * In-process FIFO queues, one per lane (a backend), each with its own concurrency.
 * p-queue gives the ordering and limits, and drops a job that is aborted while still waiting.
 */
export class LaneQueue {
  private lanes = new Map<string, PQueue>();
  private controllers = new Map<string, AbortController>();
  private waiting = new Map<string, string[]>();
  private running = new Set<string>();

  private lane(name: string, concurrency: number): PQueue {
    let queue = this.lanes.get(name);
    if (!queue) {
      queue = new PQueue({ concurrency });
      this.lanes.set(name, queue);
      this.waiting.set(name, []);
    }
    return queue;
  }

  /** Adds a job; `task` runs when the lane has room and gets a signal that aborts on cancel. */
  enqueue(laneName: string, concurrency: number, jobId: string, task: Task, onDropped: () => void): void {
    const queue = this.lane(laneName, concurrency);
    const controller = new AbortController();
    this.controllers.set(jobId, controller);
    const waiting = this.waiting.get(laneName) ?? [];
    waiting.push(jobId);
    queue
      .add(
        async () => {
          remove(waiting, jobId);
          this.running.add(jobId);
          try {
            await task(controller.signal);
          } finally {
            this.running.delete(jobId);
            this.controllers.delete(jobId);
          }
        },
        { signal: controller.signal },
      )
      .catch(() => {
        // Aborted while waiting: the job never started.
        remove(waiting, jobId);
        this.controllers.delete(jobId);
        onDropped();
      });
  }

  /** True when the job was known here (waiting or running) and has been told to stop. */
  cancel(jobId: string): boolean {
    const controller = this.controllers.get(jobId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** How many jobs wait before this one in its lane; undefined once it runs (or is unknown). */
  ahead(jobId: string): number | undefined {
    for (const waiting of this.waiting.values()) {
      const i = waiting.indexOf(jobId);
      if (i >= 0) return i;
    }
    return undefined;
  }

  has(jobId: string): boolean {
    return this.controllers.has(jobId);
  }
}

function remove(list: string[], id: string): void {
  const i = list.indexOf(id);
  if (i >= 0) list.splice(i, 1);
}

export type MemoryQueueOptions = {
  run: RunJob;
  concurrencyFor: (backendId: string) => number;
  /** A job canceled while it waited: it never started, so it ends here. */
  onDropped: (generation: Generation) => Promise<unknown>;
};

/** The embedded mode's queue: this process runs everything it queues, as it always did. */
export function createMemoryQueue({ run, concurrencyFor, onDropped }: MemoryQueueOptions): JobQueue {
  const lanes = new LaneQueue();
  return {
    async enqueue(generation) {
      lanes.enqueue(
        generation.backend,
        concurrencyFor(generation.backend),
        generation.id,
        (signal) => run(generation, signal),
        () => void onDropped(generation),
      );
    },
    async cancel(id) {
      return lanes.cancel(id);
    },
    async ahead(generation) {
      return generation.status === "queued" ? (lanes.ahead(generation.id) ?? null) : null;
    },
    async start() {},
    async close() {},
  };
}
