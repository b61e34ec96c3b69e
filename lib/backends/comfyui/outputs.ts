import "server-only";
import { sharp } from "@/lib/images/sharp";
import { AppError } from "@/lib/errors";
import type { GeneratedImage } from "../types";
import type { HistoryEntry, ImageRef } from "./api-schemas";
import type { ComfyEndpoint } from "./endpoint";
import { comfyRequest, readBody, statusError } from "./http";

/** Full-size PNGs can be tens of megabytes over a slow link. */
const VIEW_TIMEOUT_MS = 120_000;

export type OutputImage = ImageRef & { nodeId: string; index: number };

/**
 * The saved images a finished prompt lists, node by node. SaveImage writes type "output";
 * PreviewImage writes "temp" files, used only when a workflow saves nothing.
 */
export function outputImages(entry: HistoryEntry): OutputImage[] {
  const all: OutputImage[] = [];
  for (const [nodeId, output] of Object.entries(entry.outputs)) {
    (output.images ?? []).forEach((ref, index) => {
      all.push({ ...ref, nodeId, index });
    });
  }
  const saved = all.filter((img) => img.type === "output");
  return saved.length > 0 ? saved : all;
}

async function inspect(bytes: Uint8Array, name: string): Promise<{ mime: string; width: number; height: number }> {
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height || !meta.format) throw new Error("no dimensions");
    const mime = meta.format === "jpeg" ? "image/jpeg" : `image/${meta.format}`;
    return { mime, width: meta.width, height: meta.height };
  } catch (e) {
    throw new AppError("backend_error", `ComfyUI returned something that is not an image for ${name}.`, { cause: e });
  }
}

export type FetchedImage = Omit<GeneratedImage, "seed" | "meta"> & { ref: OutputImage };

/** GET /view?filename=&subfolder=&type= for each image, checked with sharp. */
export async function fetchImages(
  endpoint: ComfyEndpoint,
  refs: OutputImage[],
  signal: AbortSignal,
): Promise<FetchedImage[]> {
  const images: FetchedImage[] = [];
  for (const ref of refs) {
    const query = { filename: ref.filename, subfolder: ref.subfolder, type: ref.type };
    const res = await comfyRequest(endpoint, "view", { query, signal, timeoutMs: VIEW_TIMEOUT_MS });
    if (!res.ok) throw await statusError(endpoint, "view", res);
    const bytes = new Uint8Array(await readBody(endpoint, "view", () => res.arrayBuffer()));
    const { mime, width, height } = await inspect(bytes, ref.filename);
    images.push({ bytes, mime, width, height, ref });
  }
  return images;
}
