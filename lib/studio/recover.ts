import "server-only";
import { log } from "@/lib/log";
import { deps } from "./deps";

/**
 * At start: generations that were queued or running when the server stopped cannot finish,
 * so they end `failed` with code `interrupted` (their prompts are untouched); and image files
 * with no row (a crash between writing the file and its row) are swept.
 */
export async function recoverAtStart(): Promise<void> {
  const { store, files } = deps();
  const stuck = await store.listGenerationsByStatus(["queued", "running"]);
  const now = new Date().toISOString();
  for (const g of stuck) {
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
  if (stuck.length || swept) log.warn("recovered at start", { interrupted: stuck.length, orphanFilesSwept: swept });
}
