import "server-only";
import { randomInt } from "node:crypto";
import { BACKENDS } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import type { Capabilities } from "@/lib/schemas/catalog";
import { parseSize } from "@/lib/schemas/common";
import type { GenerateRequest } from "../types";
import type { WorkflowValues } from "./placeholders";

const CAPS = BACKENDS.comfyui.capabilities;

/** EmptyLatentImage's own limits: latents are 1/8 of the image, so sizes go in steps of 8. */
const MIN_SIDE = 16;
const MAX_SIDE = 16384;

function invalid(message: string, details?: unknown): AppError {
  return new AppError("invalid_request", message, { details });
}

/** Checks what the backend itself must guard (the studio checks the catalog's lists first). */
export function checkRequest(req: GenerateRequest) {
  const { width, height } = parseSize(req.size);
  for (const side of [width, height]) {
    if (!Number.isInteger(side) || side < MIN_SIDE || side > MAX_SIDE || side % 8 !== 0) {
      throw invalid(`ComfyUI needs a size in steps of 8 between ${MIN_SIDE} and ${MAX_SIDE}; not "${req.size}".`, {
        size: req.size,
      });
    }
  }
  if (!Number.isInteger(req.n) || req.n < 1 || req.n > CAPS.maxImages) {
    throw invalid(`ComfyUI makes 1 to ${CAPS.maxImages} images at a time.`, { n: req.n });
  }
  if (req.seed !== undefined && (!Number.isSafeInteger(req.seed) || req.seed < 0)) {
    throw invalid("The seed must be a whole number from 0 up.", { seed: req.seed });
  }
  return { width, height };
}

/** A fresh seed within 32 bits, like the other backends, so it survives any JSON round trip. */
export function randomSeed(): number {
  return randomInt(0, 2 ** 32);
}

/** The request as template values, with the catalog's defaults for what it leaves out. */
export function workflowValues(
  req: GenerateRequest,
  size: { width: number; height: number },
  seed: number,
  checkpoint: string | undefined,
  /** The workflow's capabilities: its family's defaults (FLUX guidance 3.5, not SD's 7). */
  caps: Pick<Capabilities, "steps" | "guidance"> = CAPS,
): WorkflowValues {
  return {
    prompt: req.prompt,
    negative: req.negativePrompt ?? "",
    seed,
    width: size.width,
    height: size.height,
    // One image per prompt, so every reported seed makes its image again (see backend.ts).
    batch_size: 1,
    steps: req.steps ?? caps.steps?.default ?? CAPS.steps.default,
    cfg: req.guidance ?? caps.guidance?.default ?? CAPS.guidance.default,
    sampler: req.sampler ?? CAPS.samplers[0],
    checkpoint,
  };
}
