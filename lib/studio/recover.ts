import "server-only";
import { getBackend } from "@/lib/backends/registry";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Generation } from "@/lib/schemas/entities";
import { enqueueGeneration, resolveParams } from "./generate";
import { deps } from "./deps";

/**
 * At start, for what the last process left unfinished:
 * - a generation that was running may have reached its backend (and been billed), so it is
 *   not run again: it ends `failed` with code `interrupted`, its prompt untouched;
 * - image files with no row (a crash between the file and its row) are swept, and temp files
 *   of a write cut short (opening the image files does that);
 * - a generation still queued never reached a backend, so it is safe to queue again, in order.
 * The sweep comes before the requeue: a requeued job writes its files before their rows, and
 * the sweep would take those for orphans.
 */
export async function recoverAtStart(): Promise<void> {
  const { store, files } = deps();
  const running = await store.listGenerationsByStatus(["running"]);
  const now = new Date().toISOString();
  for (const g of running) {
    await store.updateGeneration(g.id, {
      status: "failed",
      error: { code: "interrupted", message: "Interrupted: the server restarted while this was running." },
      finishedAt: now,
    });
  }
  let swept = 0;
  for (const id of await files.listIds()) {
    if (!(await store.getImage(id))) {
      await files.remove(id);
      swept++;
    }
  }
  const queued = await store.listGenerationsByStatus(["queued"]);
  let requeued = 0;
  for (const g of queued) {
    if (await requeue(g)) requeued++;
  }
  if (running.length || queued.length || swept) {
    log.warn("recovered at start", {
      interrupted: running.length,
      requeued,
      notRequeued: queued.length - requeued,
      orphanFilesSwept: swept,
    });
  }
}

async function requeue(g: Generation): Promise<boolean> {
  const { store } = deps();
  try {
    const version = await store.getVersion(g.promptId);
    if (!version) throw new AppError("not_found", "Its prompt version is gone.");
    const backend = getBackend(g.backend);
    enqueueGeneration(g, backend, resolveParams(backend, g.params, version));
    return true;
  } catch (e) {
    const reason = e instanceof AppError ? e.message : "it could not be queued again";
    await store.updateGeneration(g.id, {
      status: "failed",
      error: { code: "interrupted", message: `Interrupted by a server restart, and not queued again: ${reason}` },
      finishedAt: new Date().toISOString(),
    });
    return false;
  }
}
