import "server-only";
import { AppError, abortError } from "@/lib/errors";
import { raceAbort, sleep } from "./abortable";
import { ExecutionErrorSchema, type HistoryEntry, HistoryEntrySchema, QueueSchema } from "./api-schemas";
import type { PromptState } from "./cancel";
import { executionFailed, interruptedElsewhere } from "./comfy-errors";
import type { ComfyEndpoint } from "./endpoint";
import { comfyJson } from "./http";
import type { ProgressTracker } from "./progress";
import type { ComfyMessage, ComfySocket } from "./socket";

export type FollowOptions = {
  endpoint: ComfyEndpoint;
  promptId: string;
  /** Null when /ws could not be opened: then it is polling from the start. */
  socket: ComfySocket | null;
  signal: AbortSignal;
  tracker: ProgressTracker;
  /** Between /history polls once the socket is gone. */
  pollMs: number;
  /** Socket silence after which /history is checked anyway (a proxy may swallow frames). */
  quietMs: number;
  /** What the socket last said about the prompt, for cancel to act on. */
  onState: (state: PromptState) => void;
};

async function fetchHistory(opts: FollowOptions): Promise<HistoryEntry | undefined> {
  const body = await comfyJson(opts.endpoint, `history/${encodeURIComponent(opts.promptId)}`, {
    signal: opts.signal,
  });
  const raw = typeof body === "object" && body !== null ? (body as Record<string, unknown>)[opts.promptId] : undefined;
  if (raw === undefined) return undefined;
  const parsed = HistoryEntrySchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("backend_error", "ComfyUI's history entry for the prompt has an unexpected shape.", {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** The entry if the prompt is finished; throws if it vanished (someone cleared ComfyUI's queue). */
async function poll(opts: FollowOptions): Promise<HistoryEntry | undefined> {
  const entry = await fetchHistory(opts);
  if (entry) return entry;
  const queue = QueueSchema.parse(await comfyJson(opts.endpoint, "queue", { signal: opts.signal }));
  const inQueue = (items: unknown[][]) => items.some((item) => item[1] === opts.promptId);
  if (inQueue(queue.queue_running)) opts.onState("running");
  else if (inQueue(queue.queue_pending)) opts.onState("queued");
  else {
    // ComfyUI writes history and leaves the queue in one step, so look once more before deciding.
    const late = await fetchHistory(opts);
    if (late) return late;
    throw new AppError("backend_error", "The prompt left ComfyUI's queue without running (was the queue cleared?).");
  }
  return undefined;
}

/** A finished entry as the result, or the error it records. */
function settle(entry: HistoryEntry, signal: AbortSignal): HistoryEntry {
  if (entry.status?.status_str !== "error") return entry;
  for (const [type, data] of entry.status.messages) {
    if (type === "execution_error") throw executionFailed(ExecutionErrorSchema.parse(data ?? {}));
    if (type === "execution_interrupted") {
      if (signal.aborted) throw abortError();
      throw interruptedElsewhere(data);
    }
  }
  throw new AppError("backend_error", "ComfyUI reported that the prompt failed, without saying why.", {
    cause: entry.status,
  });
}

type Step = "done" | "continue";

/** One websocket frame about our prompt. Frames for other prompts, and `status`, change nothing. */
function handle(message: ComfyMessage, opts: FollowOptions, running: boolean): Step {
  const { type, data } = message;
  const promptId = typeof data.prompt_id === "string" ? data.prompt_id : undefined;
  const ours = promptId === opts.promptId;
  // Old servers sent `progress` (and a final `executing`) without prompt_id; only the running
  // prompt of this client can be meant then.
  const probablyOurs = ours || (promptId === undefined && running);
  switch (type) {
    case "execution_start":
      if (ours) {
        opts.onState("running");
        opts.tracker.started();
      }
      return "continue";
    case "execution_cached":
      if (ours) {
        opts.onState("running");
        const nodes = Array.isArray(data.nodes) ? data.nodes.map(String) : [];
        opts.tracker.cached(nodes);
      }
      return "continue";
    case "executing":
      if (!probablyOurs) return "continue";
      if (data.node === null) return "done";
      opts.onState("running");
      return "continue";
    case "progress":
      if (probablyOurs && typeof data.value === "number" && typeof data.max === "number") {
        opts.tracker.step(data.node == null ? undefined : String(data.node), data.value, data.max);
      }
      return "continue";
    case "execution_success":
      return ours ? "done" : "continue";
    case "execution_error":
      if (ours) throw executionFailed(ExecutionErrorSchema.parse(data));
      return "continue";
    case "execution_interrupted":
      if (!ours) return "continue";
      if (opts.signal.aborted) throw abortError();
      throw interruptedElsewhere(data);
    default:
      return "continue";
  }
}

/**
 * Follows a queued prompt to its end: over the websocket while it lasts (progress, errors,
 * completion), by polling GET /history when it drops or never opened. Resolves with the
 * finished history entry; throws an AppError for a failed run, an AbortError when the signal fires.
 */
export async function followPrompt(opts: FollowOptions): Promise<HistoryEntry> {
  let socket = opts.socket;
  let running = false;
  const onState = opts.onState;
  const tracked: FollowOptions = {
    ...opts,
    onState: (state) => {
      running = state === "running";
      onState(state);
    },
  };

  while (socket) {
    const next = await raceAbort(socket.next(opts.quietMs), opts.signal);
    if (next === "closed") {
      socket = null;
      break;
    }
    if (next === "quiet") {
      const entry = await poll(tracked);
      if (entry) return settle(entry, opts.signal);
      continue;
    }
    if (handle(next, tracked, running) === "done") {
      // execution_success comes a moment before ComfyUI writes the history entry.
      for (;;) {
        const entry = await poll(tracked);
        if (entry) return settle(entry, opts.signal);
        await sleep(Math.min(opts.pollMs, 100), opts.signal);
      }
    }
  }

  for (;;) {
    const entry = await poll(tracked);
    if (entry) return settle(entry, opts.signal);
    await sleep(opts.pollMs, opts.signal);
  }
}
