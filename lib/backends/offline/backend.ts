import "server-only";
import { BACKENDS } from "@/lib/catalog";
import { AppError, abortError } from "@/lib/errors";
import { parseSize } from "@/lib/schemas/common";
import type { GeneratedImage, GenerateOptions, GenerateRequest, ImageBackend } from "../types";
import { renderOfflineSketchWithManifest } from "./render";

const FACTS = BACKENDS.offline;
export const OFFLINE_MODEL = "offline-sketch-v1";

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 32) >>> 0;
}

/**
 * The embedded image backend: a seeded sketch of the prompt, drawn as SVG and
 * rasterised with sharp. No model and no key, so the app works out of the box;
 * the UI labels its pictures "Offline sketch (no model)".
 */
export const offlineBackend: ImageBackend = {
  id: FACTS.id,
  label: FACTS.label,
  model: OFFLINE_MODEL,
  capabilities: FACTS.capabilities,
  isConfigured: () => true,

  async generate(req: GenerateRequest, opts: GenerateOptions): Promise<GeneratedImage[]> {
    const sizes: readonly string[] = FACTS.capabilities.sizes;
    if (!sizes.includes(req.size)) {
      throw new AppError(
        "invalid_request",
        `The offline sketch renders ${sizes.join(", ")}; "${req.size}" is not one of them.`,
        {
          details: { size: req.size, sizes },
        },
      );
    }
    if (!Number.isInteger(req.n) || req.n < 1 || req.n > FACTS.capabilities.maxImages) {
      throw new AppError(
        "invalid_request",
        `The offline sketch makes 1 to ${FACTS.capabilities.maxImages} images at a time.`,
        {
          details: { n: req.n },
        },
      );
    }
    const { width, height } = parseSize(req.size);
    const first = req.seed === undefined ? randomSeed() : req.seed >>> 0;
    const images: GeneratedImage[] = [];
    for (let i = 0; i < req.n; i++) {
      if (opts.signal.aborted) throw abortError();
      // Consecutive seeds, wrapping at 2^32 like the seed field itself.
      const seed = (first + i) >>> 0;
      const { png, manifest } = await renderOfflineSketchWithManifest({ prompt: req.prompt, width, height, seed });
      // What it drew, for whoever wants it; the offline judge recomputes it from (prompt, seed, size).
      images.push({ bytes: png, mime: "image/png", width, height, seed, meta: { manifest } });
      opts.onProgress?.((i + 1) / req.n);
    }
    if (opts.signal.aborted) throw abortError();
    return images;
  },
};
