import type { PromptMode } from "./modes";
import type { PromptGraph } from "./validate-prompt";

/** A queue item as GET /queue and history show it: [number, prompt_id, prompt, extra_data, outputs_to_execute]. */
export type QueueItem = [number, string, PromptGraph, Record<string, unknown>, string[]];

export type ImageRef = { filename: string; subfolder: string; type: "output" | "temp" };

export type StatusMessage = [string, Record<string, unknown>];

export type HistoryEntry = {
  prompt: QueueItem;
  outputs: Record<string, { images: ImageRef[] }>;
  status: { status_str: "success" | "error"; completed: boolean; messages: StatusMessage[] };
  meta: Record<string, { node_id: string; display_node: string; parent_node: null; real_node_id: string }>;
};

/** One queued prompt, with what the fake needs while it runs. */
export type Job = {
  item: QueueItem;
  promptId: string;
  graph: PromptGraph;
  clientId: string | undefined;
  mode: PromptMode;
  /** Set by /interrupt (or reset/close); checked between steps and nodes, as ComfyUI does. */
  interrupted: boolean;
  /** reset() threw it away: it writes no history. */
  discarded: boolean;
  /** The node running now, for a client that reconnects mid-run. */
  currentNode: string | null;
  /** Wakes a step's pause (or a hang) early when the job is interrupted. */
  wake?: () => void;
};

export type StoredImage = {
  bytes: Buffer;
  /** notImage mode: /view answers junk for it. */
  junk: boolean;
};
