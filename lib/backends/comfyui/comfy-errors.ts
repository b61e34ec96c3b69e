import "server-only";
import { AppError } from "@/lib/errors";
import { scrubSecrets } from "@/lib/log";
import type { ComfyValidationError, ExecutionErrorData, PromptRejection } from "./api-schemas";

const MAX_MESSAGE = 240;

/** A person reads these in a toast: one line, bounded. The full text stays in `cause`. */
export function shorten(text: string, max = MAX_MESSAGE): string {
  const line = text.split("\n").find((l) => l.trim() !== "") ?? text;
  // ComfyUI echoes node inputs and paths: scrub before anyone sees it.
  const flat = scrubSecrets(line.replace(/\s+/g, " ").trim());
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function summarize(e: ComfyValidationError): string {
  return [e.message, e.details].filter((part) => part && part.length > 0).join(": ");
}

/** POST /prompt said 400: the graph did not pass ComfyUI's validation. */
export function promptRejected(body: PromptRejection, raw: unknown): AppError {
  const nodeErrors = body.node_errors && !Array.isArray(body.node_errors) ? Object.entries(body.node_errors) : [];
  for (const [, node] of nodeErrors) {
    for (const err of node.errors) {
      // The loader's list of files did not contain the name: say which, not the whole list.
      if (err.type === "value_not_in_list" && err.extra_info?.input_name === "ckpt_name") {
        const name = String(err.extra_info.received_value ?? "");
        return new AppError("backend_error", shorten(`ComfyUI has no checkpoint named "${name}".`), {
          details: { checkpoint: name },
          cause: raw,
        });
      }
    }
  }
  const first = nodeErrors.find(([, node]) => node.errors.length > 0);
  if (first) {
    const [id, node] = first;
    const what = summarize(node.errors[0] ?? {});
    return new AppError(
      "backend_error",
      shorten(`ComfyUI rejected the workflow: ${node.class_type ?? "node"} #${id}: ${what}`),
      { details: { nodeId: id, classType: node.class_type }, cause: raw },
    );
  }
  const error = body.error;
  const what = typeof error === "string" ? error : error ? summarize(error) : "no reason given";
  return new AppError("backend_error", shorten(`ComfyUI rejected the workflow: ${what}`), { cause: raw });
}

function isOutOfMemory(data: ExecutionErrorData): boolean {
  return /OutOfMemory|\bOOM\b/i.test(data.exception_type ?? "") || /out of memory/i.test(data.exception_message ?? "");
}

/** An execution_error (over the websocket or in history): the node that failed, and why, briefly. */
export function executionFailed(data: ExecutionErrorData): AppError {
  const node = data.node_type ?? "a node";
  const details = { nodeId: data.node_id, nodeType: data.node_type, exceptionType: data.exception_type };
  if (isOutOfMemory(data)) {
    // ComfyUI unloads its models after an OOM, so the same size may fit on a second try, but
    // usually does not: no automatic retry, and a hint instead.
    return new AppError(
      "backend_error",
      `ComfyUI ran out of GPU memory in ${node}; try a smaller size or fewer images.`,
      { details, cause: data },
    );
  }
  const reason = data.exception_message ? shorten(data.exception_message, 180) : "no message";
  return new AppError("backend_error", shorten(`ComfyUI failed in ${node}: ${reason}`), { details, cause: data });
}

/** Someone else stopped the run (the Cancel button in ComfyUI's own UI, another client's /interrupt). */
export function interruptedElsewhere(data: unknown): AppError {
  return new AppError("backend_error", "ComfyUI stopped this job: it was interrupted on the ComfyUI server.", {
    cause: data,
  });
}
