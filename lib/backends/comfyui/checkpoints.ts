import "server-only";
import { AppError } from "@/lib/errors";
import type { ComfyEndpoint } from "./endpoint";
import { comfyJson } from "./http";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The names in a combo input's spec. Classic nodes describe it as `[[...names], {options}]`;
 * nodes on ComfyUI's newer schema as `["COMBO", { options: [...names] }]`. Accept both.
 */
function comboOptions(spec: unknown): string[] | undefined {
  if (!Array.isArray(spec)) return undefined;
  const [first, second] = spec as unknown[];
  if (Array.isArray(first)) return first.filter((x): x is string => typeof x === "string");
  if (first === "COMBO" && isRecord(second) && Array.isArray(second.options)) {
    return second.options.filter((x): x is string => typeof x === "string");
  }
  return undefined;
}

/** The files in ComfyUI's models/checkpoints, as GET /object_info/CheckpointLoaderSimple lists them. */
export async function fetchCheckpoints(endpoint: ComfyEndpoint, signal: AbortSignal): Promise<string[]> {
  const body = await comfyJson(endpoint, "object_info/CheckpointLoaderSimple", { signal });
  const info = isRecord(body) ? body.CheckpointLoaderSimple : undefined;
  const required = isRecord(info) && isRecord(info.input) ? info.input.required : undefined;
  const names = isRecord(required) ? comboOptions(required.ckpt_name) : undefined;
  if (!names) {
    throw new AppError("backend_error", "ComfyUI did not describe its CheckpointLoaderSimple node.", { cause: body });
  }
  return names;
}

/** The checkpoint to use when the request names none: the first one ComfyUI lists. */
export async function defaultCheckpoint(endpoint: ComfyEndpoint, signal: AbortSignal): Promise<string> {
  const [first] = await fetchCheckpoints(endpoint, signal);
  if (!first) {
    throw new AppError(
      "backend_error",
      "ComfyUI has no checkpoints: put a model in ComfyUI's models/checkpoints folder.",
    );
  }
  return first;
}
