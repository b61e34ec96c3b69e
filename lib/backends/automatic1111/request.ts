import "server-only";
import { BACKENDS } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import type { GenerateRequest } from "../types";

const CAPS = BACKENDS.automatic1111.capabilities;

/**
 * Sent when the person picked none, so the infotext and the result do not depend on the
 * server's default (the API's own default is plain "Euler"). "DPM++ 2M" exists in every A1111
 * and Forge release of the last years.
 */
export const DEFAULT_SAMPLER = "DPM++ 2M";

/** The body of POST /sdapi/v1/txt2img: field names as A1111's StableDiffusionTxt2ImgProcessingAPI. */
export type Txt2imgBody = {
  prompt: string;
  negative_prompt: string;
  /** -1 asks A1111 for a random seed; the one it used comes back in `info.all_seeds`. */
  seed: number;
  width: number;
  height: number;
  steps: number;
  cfg_scale: number;
  sampler_name: string;
  /** One batch of n images: one pass of the model, consecutive seeds. */
  batch_size: number;
  n_iter: 1;
  override_settings: { sd_model_checkpoint?: string };
  /** Put the server's own checkpoint back after this job, so people using its UI are not surprised. */
  override_settings_restore_afterwards: true;
  /** The images in the answer, and none written to the server's outputs folder (nor a grid). */
  send_images: true;
  save_images: false;
};

function parseSize(size: string): { width: number; height: number } {
  const match = /^(\d{2,5})x(\d{2,5})$/.exec(size);
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  // Stable Diffusion works on 8x8 latent cells: A1111 silently floors other sizes.
  if (!match || width % 8 !== 0 || height % 8 !== 0 || width < 64 || height < 64 || width > 4096 || height > 4096) {
    throw new AppError("invalid_request", `AUTOMATIC1111 takes sizes like 512x768 (multiples of 8); not "${size}".`);
  }
  return { width, height };
}

/** A pure mapping from our request to A1111's; it checks what A1111 itself would silently bend. */
export function buildTxt2imgRequest(req: GenerateRequest): Txt2imgBody {
  const { width, height } = parseSize(req.size);
  if (!Number.isInteger(req.n) || req.n < 1 || req.n > CAPS.maxImages) {
    throw new AppError("invalid_request", `AUTOMATIC1111 makes 1 to ${CAPS.maxImages} images at a time here.`);
  }
  if (req.seed !== undefined && (!Number.isSafeInteger(req.seed) || req.seed < -1)) {
    throw new AppError("invalid_request", "The seed must be a whole number (or -1 for a random one).");
  }
  return {
    prompt: req.prompt,
    negative_prompt: req.negativePrompt ?? "",
    seed: req.seed ?? -1,
    width,
    height,
    steps: req.steps ?? CAPS.steps.default,
    cfg_scale: req.guidance ?? CAPS.guidance.default,
    sampler_name: req.sampler ?? DEFAULT_SAMPLER,
    batch_size: req.n,
    n_iter: 1,
    override_settings: req.checkpoint ? { sd_model_checkpoint: req.checkpoint } : {},
    override_settings_restore_afterwards: true,
    send_images: true,
    save_images: false,
  };
}
