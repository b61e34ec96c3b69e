import "server-only";
import type { Kysely } from "kysely";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Generation } from "@/lib/schemas/entities";
import type { Database } from "@/lib/store/database";
import { type GenerationEvent, QUEUE_CHANNEL } from "./generation-events";
import {
  INTERRUPTED,
  adoptUnsequenced,
  assignQueueSeq,
  backendsWaiting,
  cancelQueued,
  claimQueued,
  countAhead,
  reapExpired,
  renewLeases,
  requestCancel,
} from "./postgres-queue-queries";
import type { EventBus, JobQueue, RunJob } from "./types";

/*
 * The shared mode's queue: generations wait in the `generations` table, and any instance on the
 * database claims and runs them. Plain SQL (FOR UPDATE SKIP LOCKED under a per-backend advisory
 * lock), not pg-boss or graphile-worker: neither expresses what this queue must, together: a
 * cluster-wide limit of N running per backend (A1111: one at a time, whichever instance runs it),
 * first in first out per backend, and a job's place in its queue for the UI ("2 ahead of you").
 *
 * - enqueue: the row (saved queued by the caller) gets its place from a database sequence, then
 *   every instance is nudged to claim (bus channel CLAIM_CHANNEL) and this one claims at once.
 * - claim: see claimQueued; nudges, a local job ending, and a poll timer (a lost nudge only delays).
 * - leases: the owner renews its running rows every leaseMs/3. A row that is no longer running
 *   and its own (settled elsewhere) is aborted here; so is one asked to cancel (the fallback when
 *   the CANCEL_CHANNEL message was lost).
 * - reaper: every instance, every leaseMs/2, fails running rows whose lease ran out, with code
 *   `interrupted`; never queued again, since it may have reached its backend (and been billed).
 *   Queued rows that never got their place (an instance died between saving and enqueueing) get
 *   one then too, so nothing queued is lost.
 */

/** Bus channel: "a backend may have work, claim it" ({ backend }). */
export const CLAIM_CHANNEL = "jobs:claim";
/** Bus channel: "the owner of this running generation must stop it" ({ id }). */
export const CANCEL_CHANNEL = "jobs:cancel";

/** A queued row with no place yet is left to the instance enqueueing it for this long. */
const ADOPT_AFTER_MS = 5_000;

export type PostgresQueueOptions = {
  /** The migrated database (lib/store getSharedDatabase()). */
  db: () => Promise<Kysely<Database>>;
  /** This instance, unique in the cluster: recorded as `claimed_by` on the rows it runs. */
  instanceId: string;
  /** Runs one claimed generation to its end, writing its final status only while it is still running. */
  run: RunJob;
  /** A backend's cluster-wide limit of generations running at once. */
  concurrencyFor: (backendId: string) => number;
  /** Carries nudges and cancels between instances, and generation events to followers. */
  bus: EventBus;
  /** How long a claim holds without renewal; an instance silent this long has its jobs failed. */
  leaseMs: number;
  /** How often to look for work nobody was nudged about. */
  pollMs: number;
  /**
   * A generation this queue ended itself (canceled while queued, or reaped): for what the runner
   * would otherwise do when it ends, e.g. free its client's place. Its events are published here.
   */
  onSettled?: (generation: Generation) => void | Promise<void>;
  /** Queued rows with no place older than this are adopted (default 5 s). */
  adoptAfterMs?: number;
};

type Local = { controller: AbortController; renewRound: number };

export function createPostgresQueue(opts: PostgresQueueOptions): JobQueue {
  const { instanceId, run, concurrencyFor, bus, leaseMs, pollMs } = opts;
  const adoptAfterMs = opts.adoptAfterMs ?? ADOPT_AFTER_MS;
  const running = new Map<string, Local>();
  const claiming = new Set<string>();
  const claimAgain = new Set<string>();
  const timers: NodeJS.Timeout[] = [];
  const unsubscribe: Array<() => void> = [];
  let started = false;
  let closed = false;
  let renewRound = 0;

  const warn = (what: string, error: unknown, extra: Record<string, unknown> = {}) =>
    log.warn(`job queue: ${what}`, { instanceId, ...extra, error });

  const publish = (channel: string, event: GenerationEvent | { event: string; data: unknown }) => {
    try {
      bus.publish(channel, event);
    } catch (error) {
      warn("publish failed", error, { channel });
    }
  };

  /** What followers hear when the queue itself ends a generation, as the runner tells its own end. */
  const settled = async (generation: Generation) => {
    publish(generation.id, { event: "generation", data: generation });
    if (generation.status === "failed" && generation.error) {
      publish(generation.id, { event: "error", data: { error: generation.error, generation } });
    } else {
      publish(generation.id, { event: "done", data: { ...generation, images: [] } });
    }
    publish(QUEUE_CHANNEL, { event: "moved", data: null });
    try {
      await opts.onSettled?.(generation);
    } catch (error) {
      warn("onSettled failed", error, { generationId: generation.id });
    }
  };

  const startRun = (generation: Generation) => {
    const controller = new AbortController();
    running.set(generation.id, { controller, renewRound });
    void (async () => {
      try {
        await run(generation, controller.signal);
      } catch (error) {
        warn("a job threw", error, { generationId: generation.id });
      } finally {
        running.delete(generation.id);
        // Its place on the backend is free (its row is no longer running): the next may go.
        claim(generation.backend);
      }
    })();
  };

  /** Claims for one backend; calls that come while a claim runs make it go round once more. */
  const claim = (backend: string) => {
    if (closed || !started) return;
    if (claiming.has(backend)) {
      claimAgain.add(backend);
      return;
    }
    claiming.add(backend);
    void (async () => {
      try {
        do {
          claimAgain.delete(backend);
          const db = await opts.db();
          const claimed = await claimQueued(db, backend, concurrencyFor(backend), instanceId, leaseMs);
          for (const generation of claimed) startRun(generation);
        } while (claimAgain.has(backend) && !closed);
      } catch (error) {
        warn("claim failed", error, { backend });
      } finally {
        claiming.delete(backend);
      }
    })();
  };

  const poll = async () => {
    const db = await opts.db();
    for (const backend of await backendsWaiting(db)) claim(backend);
  };

  // When this instance last knew its leases held (a renewal that went through, or nothing to renew).
  let leasesHeldAt = Date.now();
  /**
   * A database this instance cannot reach for most of a lease means another instance will soon
   * end its jobs `interrupted` and may start the next ones on the same backends: so it stops its
   * own first (the backend is told to stop, as on cancel), rather than run on beside them.
   */
  const renewOrStop = async () => {
    try {
      await renew();
      leasesHeldAt = Date.now();
    } catch (error) {
      if (running.size > 0 && Date.now() - leasesHeldAt >= (leaseMs * 2) / 3) {
        log.warn("job queue: the database has not answered for most of a lease; stopping this instance's jobs", {
          instanceId,
          jobs: running.size,
        });
        const reason = new AppError("interrupted", INTERRUPTED.message);
        for (const local of running.values()) local.controller.abort(reason);
      }
      throw error;
    }
  };

  const renew = async () => {
    // Only jobs claimed before this round began can be missing from its answer for a reason.
    const round = ++renewRound;
    if (running.size === 0) return;
    const db = await opts.db();
    const rows = await renewLeases(db, instanceId, [...running.keys()], leaseMs);
    const live = new Map(rows.map((r) => [r.id, r.cancelRequested]));
    for (const [id, local] of running) {
      if (local.renewRound >= round) continue;
      const cancelRequested = live.get(id);
      // Ended (a runner is between its last write and returning), settled elsewhere, or to be canceled.
      if (cancelRequested === undefined || cancelRequested) local.controller.abort();
    }
  };

  const reap = async () => {
    const db = await opts.db();
    const reaped = await reapExpired(db);
    for (const { generation, claimedBy } of reaped) {
      log.warn("job queue: a generation's lease ran out; it is failed, not run again", {
        instanceId,
        generationId: generation.id,
        claimedBy,
      });
      running.get(generation.id)?.controller.abort();
      await settled(generation);
    }
    const adopted = await adoptUnsequenced(db, new Date(Date.now() - adoptAfterMs).toISOString());
    for (const backend of new Set([...adopted, ...reaped.map((r) => r.generation.backend)])) claim(backend);
  };

  /** A timer whose task never overlaps itself and whose failure is logged, not thrown. */
  const every = (ms: number, name: string, task: () => Promise<void>) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || closed) return;
      busy = true;
      task()
        .catch((error) => warn(`${name} failed`, error))
        .finally(() => {
          busy = false;
        });
    }, ms);
    timer.unref?.();
    timers.push(timer);
  };

  return {
    async enqueue(generation) {
      await assignQueueSeq(await opts.db(), generation.id);
      publish(CLAIM_CHANNEL, { event: "claim", data: { backend: generation.backend } });
      claim(generation.backend);
    },

    async cancel(id) {
      const db = await opts.db();
      const canceled = await cancelQueued(db, id);
      if (canceled) {
        await settled(canceled);
        return true;
      }
      if (!(await requestCancel(db, id))) return false;
      // Its owner stops it: at once if it is here or hears this, else at its next renewal.
      running.get(id)?.controller.abort();
      publish(CANCEL_CHANNEL, { event: "cancel", data: { id } });
      return true;
    },

    async ahead(generation) {
      if (generation.status !== "queued") return null;
      return countAhead(await opts.db(), generation.id);
    },

    async start() {
      if (started || closed) return;
      started = true;
      unsubscribe.push(
        bus.subscribe(CLAIM_CHANNEL, (e) => {
          const backend = (e.data as { backend?: unknown } | null)?.backend;
          if (typeof backend === "string") claim(backend);
        }),
        bus.subscribe(CANCEL_CHANNEL, (e) => {
          const id = (e.data as { id?: unknown } | null)?.id;
          if (typeof id === "string") running.get(id)?.controller.abort();
        }),
      );
      // A database that does not answer at start is not fatal: the timers try again.
      await reap().catch((error) => warn("reaping at start failed", error));
      if (closed) return;
      every(Math.max(1, Math.floor(leaseMs / 3)), "lease renewal", renewOrStop);
      every(Math.max(1, Math.floor(leaseMs / 2)), "reaper", reap);
      every(pollMs, "poll", poll);
      await poll().catch((error) => warn("claiming at start failed", error));
    },

    async close() {
      closed = true;
      for (const timer of timers.splice(0)) clearInterval(timer);
      for (const off of unsubscribe.splice(0)) off();
    },
  };
}
