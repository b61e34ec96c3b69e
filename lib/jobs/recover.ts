import "server-only";
import { log } from "@/lib/log";
import { getImageFiles, getStore } from "@/lib/store";
import { enqueueGeneration } from "./enqueue";
import { getJobs } from "./index";

/**
 * With several instances, bytes written this recently may belong to a generation that another
 * instance is about to commit (bytes go first, then the row), so they are not orphans yet.
 */
export const SHARED_SWEEP_GRACE_MS = 60 * 60_000;

/**
 * At start, for what was left unfinished:
 * - Embedded (one process owns every row): a generation that was running may have reached its
 *   backend (and been billed), so it is not run again: it ends `failed` with code `interrupted`,
 *   its prompt untouched. One still queued never reached a backend, so it is queued again, in order.
 * - Shared (Postgres): other instances may be running generations right now, so nothing is
 *   touched here; the queue settles only generations whose lease ran out, and queued rows stay
 *   in the database for whichever instance claims them first (lib/jobs/postgres-queue.ts).
 * - Either way, image bytes with no row (a crash between the bytes and their row) are swept,
 *   before anything is requeued: a requeued job writes its bytes before their rows.
 */
export async function recoverAtStart(): Promise<void> {
  // A database that does not answer stops the start (one line naming DATABASE_URL), rather than
  // leave a server up that fails every request; in the shared mode nothing below would ask it first.
  await getStore().ping();
  const { queue, shared } = getJobs();
  const interrupted = shared ? 0 : await interruptRunning();
  const swept = await sweepOrphans(shared ? new Date(Date.now() - SHARED_SWEEP_GRACE_MS) : undefined);
  const requeued = shared ? 0 : await requeueWaiting();
  await queue.start();
  if (interrupted || requeued || swept) {
    log.warn("recovered at start", { interrupted, requeued, orphanFilesSwept: swept });
  }
}

async function interruptRunning(): Promise<number> {
  const store = getStore();
  const running = await store.listGenerationsByStatus(["running"]);
  const now = new Date().toISOString();
  for (const g of running) {
    await store.updateGeneration(g.id, {
      status: "failed",
      error: { code: "interrupted", message: "Interrupted: the server restarted while this was running." },
      finishedAt: now,
    });
  }
  return running.length;
}

async function sweepOrphans(writtenBefore: Date | undefined): Promise<number> {
  const store = getStore();
  const files = getImageFiles();
  let swept = 0;
  for (const id of await files.listIds({ writtenBefore })) {
    if (!(await store.getImage(id))) {
      await files.remove(id);
      swept++;
    }
  }
  return swept;
}

/** In order; a generation that cannot run any more (its backend or version gone) fails when its turn comes. */
async function requeueWaiting(): Promise<number> {
  const queued = await getStore().listGenerationsByStatus(["queued"]);
  for (const g of queued) await enqueueGeneration(g);
  return queued.length;
}
