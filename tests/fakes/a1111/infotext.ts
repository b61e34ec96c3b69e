import { FAKE_VERSION, type SdModelItem } from "./data";

/** What one finished job knows about itself: A1111's Processed, reduced to what the fake varies. */
export type JobFacts = {
  prompt: string;
  negativePrompt: string;
  seeds: number[];
  subseeds: number[];
  width: number;
  height: number;
  steps: number;
  cfgScale: number;
  sampler: string;
  scheduler: string;
  batchSize: number;
  model: SdModelItem;
  jobTimestamp: string;
  styles: string[];
};

/**
 * The "parameters" text A1111 writes into PNGs and `infotexts` (modules/processing.py
 * create_infotext): prompt, "Negative prompt: …", then "Key: value" pairs on one line.
 */
export function infotext(job: JobFacts, index: number): string {
  const pairs: [string, unknown][] = [
    ["Steps", job.steps],
    ["Sampler", job.sampler],
    ["Schedule type", job.scheduler === "Automatic" ? null : job.scheduler],
    ["CFG scale", job.cfgScale],
    ["Seed", job.seeds[index]],
    ["Size", `${job.width}x${job.height}`],
    ["Model hash", job.model.hash],
    ["Model", job.model.model_name],
    ["Batch size", job.batchSize < 2 ? null : job.batchSize],
    ["Batch pos", job.batchSize < 2 ? null : index % job.batchSize],
    ["Version", FAKE_VERSION],
  ];
  const line = pairs
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
  const negative = job.negativePrompt ? `\nNegative prompt: ${job.negativePrompt}` : "";
  return `${job.prompt}${negative}\n${line}`;
}

/** The `info` string of a txt2img answer: Processed.js(), a JSON document in a string. */
export function infoJson(job: JobFacts, infotexts: string[], indexOfFirstImage: number): string {
  const count = job.seeds.length;
  return JSON.stringify({
    prompt: job.prompt,
    all_prompts: Array(count).fill(job.prompt),
    negative_prompt: job.negativePrompt,
    all_negative_prompts: Array(count).fill(job.negativePrompt),
    seed: job.seeds[0],
    all_seeds: job.seeds,
    subseed: job.subseeds[0],
    all_subseeds: job.subseeds,
    subseed_strength: 0,
    width: job.width,
    height: job.height,
    sampler_name: job.sampler,
    cfg_scale: job.cfgScale,
    steps: job.steps,
    batch_size: job.batchSize,
    restore_faces: false,
    face_restoration_model: null,
    sd_model_name: job.model.model_name,
    sd_model_hash: job.model.hash,
    sd_vae_name: null,
    sd_vae_hash: null,
    seed_resize_from_w: -1,
    seed_resize_from_h: -1,
    denoising_strength: null,
    extra_generation_params: job.scheduler === "Automatic" ? {} : { "Schedule type": job.scheduler },
    index_of_first_image: indexOfFirstImage,
    infotexts,
    styles: job.styles,
    job_timestamp: job.jobTimestamp,
    clip_skip: 1,
    is_using_inpainting_conditioning: false,
    version: FAKE_VERSION,
  });
}
