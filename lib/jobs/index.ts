import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { getConfig } from "@/lib/config";
import { getSharedDatabase } from "@/lib/store";
import { MemoryClientCap } from "./client-cap";
import { createMemoryBus } from "./memory-bus";
import { createMemoryQueue } from "./memory-queue";
import { createPostgresBus } from "./postgres-bus";
import { createPostgresClientCap } from "./postgres-client-cap";
import { createPostgresQueue } from "./postgres-queue";
import { runJob } from "./run-job";
import { markCanceledWhileQueued } from "./settle";
import type { ClientCap, EventBus, JobQueue } from "./types";

/** `shared`: the queue is in Postgres, and other instances run generations from it too. */
export type Jobs = { queue: JobQueue; cap: ClientCap; bus: EventBus; shared: boolean; instanceId: string };

/** A backend's cluster-wide (Postgres) or per-process (embedded) limit of generations at once. */
export function concurrencyFor(backendId: string): number {
  const { concurrency } = getConfig();
  return Object.hasOwn(concurrency, backendId) ? concurrency[backendId as keyof typeof concurrency] : 1;
}

/** Nudges and cancels travel over the bus; this poll only finds work whose nudge was lost. */
const CLAIM_POLL_MS = 2000;

function sharedDatabase() {
  const db = getSharedDatabase();
  if (!db) throw new Error("Promptsmith: the shared job queue needs DATABASE_URL.");
  return db;
}

/** Unique in the cluster: recorded as `claimed_by` on the generations this process runs. */
function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Embedded: everything in this process, as it always was. With DATABASE_URL: the queue, the
 * per-client cap and the events live in Postgres, so any number of instances share one studio.
 */
function createJobs(): Jobs {
  const instanceId = newInstanceId();
  const { databaseUrl, jobLeaseMs } = getConfig();
  if (!databaseUrl) {
    return {
      queue: createMemoryQueue({ run: runJob, concurrencyFor, onDropped: markCanceledWhileQueued }),
      cap: new MemoryClientCap(),
      bus: createMemoryBus(),
      shared: false,
      instanceId,
    };
  }
  const bus = createPostgresBus({ url: databaseUrl, instanceId });
  const cap = createPostgresClientCap({ db: sharedDatabase });
  const queue = createPostgresQueue({
    db: sharedDatabase,
    instanceId,
    run: runJob,
    concurrencyFor,
    bus,
    leaseMs: jobLeaseMs,
    pollMs: CLAIM_POLL_MS,
    // A generation the queue ended itself (canceled while queued, or reaped) never reached runJob.
    onSettled: (g) => cap.release([g.id]),
  });
  return { queue, cap, bus, shared: true, instanceId };
}

// One set per process, on globalThis so Next's module reloading in dev doesn't split the queue.
const KEY = Symbol.for("promptsmith.jobs");
const g = globalThis as unknown as Record<symbol, Jobs | undefined>;

export function getJobs(): Jobs {
  g[KEY] ??= createJobs();
  return g[KEY];
}

/** Tests only: stops the queue and forgets it, so the next getJobs() follows the current config. */
export async function resetJobsForTests(): Promise<void> {
  const jobs = g[KEY];
  g[KEY] = undefined;
  if (jobs) await Promise.all([jobs.queue.close(), jobs.bus.close()]);
}
