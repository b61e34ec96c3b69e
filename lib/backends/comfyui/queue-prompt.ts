import "server-only";
import { AppError } from "@/lib/errors";
import { PromptRejectionSchema, QueuedPromptSchema } from "./api-schemas";
import { promptRejected } from "./comfy-errors";
import type { ComfyEndpoint } from "./endpoint";
import { comfyRequest, statusError } from "./http";
import type { ApiWorkflow } from "./workflow";

/** ComfyUI validates the graph before answering, which is quick; this only bounds a stall. */
const QUEUE_TIMEOUT_MS = 30_000;

/**
 * POST /prompt { prompt, client_id } → the prompt id. It deliberately does not take the
 * caller's signal: a POST cut off half-way may still queue the prompt, and without its id we
 * could not take it back out. The caller checks its signal as soon as this returns.
 */
export async function queuePrompt(endpoint: ComfyEndpoint, workflow: ApiWorkflow, clientId: string): Promise<string> {
  const res = await comfyRequest(endpoint, "prompt", {
    method: "POST",
    body: { prompt: workflow, client_id: clientId },
    signal: new AbortController().signal,
    timeoutMs: QUEUE_TIMEOUT_MS,
  });
  if (res.status === 400) {
    const raw: unknown = await res.json().catch(() => ({}));
    const parsed = PromptRejectionSchema.safeParse(raw);
    throw promptRejected(parsed.success ? parsed.data : {}, raw);
  }
  if (!res.ok) throw await statusError(endpoint, "prompt", res);
  const raw: unknown = await res.json().catch(() => undefined);
  const parsed = QueuedPromptSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("backend_error", "ComfyUI accepted the prompt but did not say its prompt_id.", { cause: raw });
  }
  return parsed.data.prompt_id;
}
