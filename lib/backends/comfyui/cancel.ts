import "server-only";
import { QueueSchema } from "./api-schemas";
import type { ComfyEndpoint } from "./endpoint";
import { comfyJson, comfyPost } from "./http";

/** Cleaning up must not wait on a signal that has already fired; it gets its own short budget. */
const CLEANUP_TIMEOUT_MS = 5_000;

export type PromptState = "queued" | "running" | "unknown";
export type CancelOutcome = "deleted" | "interrupted" | "gone" | "failed";

async function whereIs(endpoint: ComfyEndpoint, promptId: string, signal: AbortSignal): Promise<PromptState | "gone"> {
  const queue = QueueSchema.parse(await comfyJson(endpoint, "queue", { signal }));
  const has = (items: unknown[][]) => items.some((item) => item[1] === promptId);
  if (has(queue.queue_running)) return "running";
  if (has(queue.queue_pending)) return "queued";
  return "gone";
}

async function interrupt(endpoint: ComfyEndpoint, promptId: string, signal: AbortSignal): Promise<void> {
  // With prompt_id, current ComfyUI interrupts only if that prompt is the one running, so a
  // late cancel cannot stop someone else's job; older versions ignore the body.
  await comfyPost(endpoint, "interrupt", { prompt_id: promptId }, signal);
}

/**
 * Stops our prompt on the server: still queued → removed from the queue (POST /queue
 * { delete }); running → POST /interrupt. GET /queue decides, because the websocket's view
 * may be stale or gone; if that fails, the last state the socket showed decides.
 */
export async function cancelPrompt(
  endpoint: ComfyEndpoint,
  promptId: string,
  lastKnown: PromptState,
): Promise<CancelOutcome> {
  const signal = AbortSignal.timeout(CLEANUP_TIMEOUT_MS);
  try {
    let state: PromptState | "gone";
    try {
      state = await whereIs(endpoint, promptId, signal);
    } catch {
      state = lastKnown;
    }
    if (state === "gone") return "gone";
    if (state === "queued" || state === "unknown") {
      await comfyPost(endpoint, "queue", { delete: [promptId] }, signal);
      if (state === "queued") {
        // It may have started between the two calls; deleting a running prompt does nothing.
        const after = await whereIs(endpoint, promptId, signal).catch(() => "gone" as const);
        if (after !== "running") return "deleted";
      }
    }
    await interrupt(endpoint, promptId, signal);
    return "interrupted";
  } catch {
    return "failed";
  }
}
