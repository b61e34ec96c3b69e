import type { ServerResponse } from "node:http";
import { cutAnswer } from "../shared/cut";
import { renderNoise } from "../shared/noise";
import { pause } from "../shared/pause";
import { sendJson, sendRaw } from "../shared/send";
import { FAKE_CHECKPOINTS, findCheckpoint, resolveSampler, type SdModelItem } from "./data";
import { a1111Error } from "./http";
import { infoJson, infotext, type JobFacts } from "./infotext";
import type { FakeA1111Mode } from "./modes";
import { type FakeImageFormat, renderFakeImage, renderGrid } from "./png";
import type { QueueLock, WebuiState } from "./state";

export type Txt2imgContext = {
  res: ServerResponse;
  /** The validated, coerced body: every field of the request model. */
  values: Record<string, unknown>;
  mode: FakeA1111Mode;
  state: WebuiState;
  lock: QueueLock;
  options: Record<string, unknown>;
  stepMs: number;
  /** Images a script (ControlNet's detected maps, say) appends after the batch. */
  extraImages: number;
  isClosed: () => boolean;
};

/** A1111's get_fixed_seed: -1 (or nothing) is a random seed below 2^32 - 1. */
function fixedSeed(value: unknown): number {
  const seed = typeof value === "number" ? value : -1;
  return seed === -1 ? Math.floor(Math.random() * 4294967294) : seed;
}

function pickModel(values: Record<string, unknown>, options: Record<string, unknown>): SdModelItem {
  const override = (values.override_settings as Record<string, unknown> | null)?.sd_model_checkpoint;
  const wanted = typeof override === "string" ? override : String(options.sd_model_checkpoint ?? "");
  // Not found: A1111 prints "Checkpoint … not found; loading fallback …" and runs the first one.
  return findCheckpoint(wanted) ?? FAKE_CHECKPOINTS[0]!;
}

function imageFormat(options: Record<string, unknown>): FakeImageFormat {
  const f = String(options.samples_format ?? "png").toLowerCase();
  return f === "jpg" || f === "jpeg" ? "jpg" : f === "webp" ? "webp" : "png";
}

type Batch = { first: number; seeds: number[]; brightness: number };

/** The live preview of the batch from `first`: its first image, or a grid of the batch as A1111 shows one. */
async function renderPreview(ctx: Txt2imgContext, job: JobFacts, first: number, brightness: number): Promise<Buffer> {
  const w = Math.floor(job.width / 8) * 8;
  const h = Math.floor(job.height / 8) * 8;
  const format = imageFormat(ctx.options);
  const seeds = job.seeds.slice(first, first + job.batchSize);
  const frames = await Promise.all(
    seeds.map((seed) => renderFakeImage({ prompt: job.prompt, seed, width: w, height: h, brightness, format })),
  );
  return frames.length === 1 ? (frames[0] as Buffer) : renderGrid(frames, w, h, format);
}

/**
 * The job itself, holding the queue lock: a setup step (job_count -1), then n_iter batches of
 * `steps` sampling steps, stepMs each. An interrupt ends sampling at the next step; the batch
 * in hand is still "decoded" and returned, half-denoised, as A1111 does.
 */
async function runJob(ctx: Txt2imgContext, job: JobFacts, nIter: number): Promise<Batch[]> {
  const { state } = ctx;
  state.begin("scripts_txt2img");
  const batches: Batch[] = [];
  try {
    await pause(ctx.stepMs);
    state.job_count = nIter;
    for (let iter = 0; iter < nIter; iter++) {
      if (state.interrupted || ctx.isClosed()) break;
      state.sampling_steps = job.steps;
      state.sampling_step = 0;
      const first = iter * job.batchSize;
      state.preview = { render: (brightness) => renderPreview(ctx, job, first, brightness) };
      let done = 0;
      for (let step = 0; step < job.steps; step++) {
        if (state.interrupted || ctx.isClosed()) break;
        await pause(ctx.stepMs);
        done = step + 1;
        state.sampling_step = done;
      }
      batches.push({ first, seeds: job.seeds.slice(first, first + job.batchSize), brightness: done / job.steps });
      state.job_no += 1;
    }
  } finally {
    state.end();
  }
  return batches;
}

/** POST /sdapi/v1/txt2img, after auth and validation. */
export async function handleTxt2img(ctx: Txt2imgContext): Promise<void> {
  const v = ctx.values;
  const batchSize = v.batch_size as number;
  const nIter = v.n_iter as number;
  const steps = v.steps as number;
  const width = v.width as number;
  const height = v.height as number;
  if (batchSize < 1 || nIter < 1 || steps < 1 || width < 8 || height < 8) {
    // Approximate: A1111 fails somewhere inside processing with a Python error of its own.
    return sendJson(
      ctx.res,
      500,
      a1111Error("ValueError", "", "batch_size, n_iter, steps, width and height must be positive"),
    );
  }

  if (ctx.mode === "error500") {
    // Out of memory shows up once the job has started: the progress endpoint sees it begin.
    await ctx.lock.run(async () => {
      ctx.state.begin("scripts_txt2img");
      await pause(ctx.stepMs);
      ctx.state.end();
    });
    return sendJson(
      ctx.res,
      500,
      a1111Error(
        "OutOfMemoryError",
        "",
        "CUDA out of memory. Tried to allocate 2.25 GiB. GPU 0 has a total capacity of 7.78 GiB of which 1.03 GiB is free. Including non-PyTorch memory, this process has 6.74 GiB memory in use. Of the allocated memory 5.91 GiB is allocated by PyTorch, and 612.40 MiB is reserved by PyTorch but unallocated.",
      ),
    );
  }

  const seed = fixedSeed(v.seed);
  const subseed = fixedSeed(v.subseed);
  const count = batchSize * nIter;
  const { sampler, scheduler } = resolveSampler(
    (v.sampler_name as string | null) ?? (v.sampler_index as string | null) ?? undefined,
    (v.scheduler as string | null) ?? undefined,
  );
  const job: JobFacts = {
    prompt: v.prompt as string,
    negativePrompt: v.negative_prompt as string,
    seeds: Array.from({ length: count }, (_, i) => seed + i),
    subseeds: Array.from({ length: count }, (_, i) => subseed + i),
    width,
    height,
    steps,
    cfgScale: v.cfg_scale as number,
    sampler,
    scheduler,
    batchSize,
    model: pickModel(v, ctx.options),
    jobTimestamp: "",
    styles: (v.styles as string[] | null) ?? [],
  };

  const batches = await ctx.lock.run(() => runJob(ctx, job, nIter));
  job.jobTimestamp = ctx.state.job_timestamp;

  // The latent is an eighth of the size, so A1111's images come out floored to multiples of 8.
  const w = Math.floor(width / 8) * 8;
  const h = Math.floor(height / 8) * 8;
  const format = imageFormat(ctx.options);
  const images: Buffer[] = [];
  const infotexts: string[] = [];
  for (const batch of batches) {
    for (const [i, s] of batch.seeds.entries()) {
      const text = infotext(job, batch.first + i);
      infotexts.push(text);
      images.push(
        ctx.mode === "big"
          ? await renderNoise(w, h)
          : await renderFakeImage({
              prompt: job.prompt,
              seed: s,
              width: w,
              height: h,
              brightness: ctx.mode === "black" ? 0 : batch.brightness,
              format,
              parameters: ctx.options.enable_pnginfo === false ? undefined : text,
            }),
      );
    }
  }

  let indexOfFirstImage = 0;
  // process_images: a grid goes in front when saving is on (save_images), return_grid is set and
  // there are at least two images (grid_only_if_multiple).
  const multiple = images.length >= 2 || ctx.options.grid_only_if_multiple === false;
  if (v.save_images === true && ctx.options.return_grid === true && multiple && images.length > 0) {
    images.unshift(await renderGrid(images, w, h, format));
    infotexts.unshift(infotext(job, 0));
    indexOfFirstImage = 1;
  }
  for (let i = 0; i < ctx.extraImages; i++) {
    images.push(await renderFakeImage({ prompt: "detected map", seed: i, width: w, height: h, brightness: 1, format }));
  }

  let b64 = images.map((b) => b.toString("base64"));
  if (ctx.mode === "badBase64") b64 = b64.map(() => "this is not base64!");
  if (ctx.mode === "notImage") b64 = b64.map(() => Buffer.from("GIF? no: just text").toString("base64"));
  const answer = {
    images: v.send_images === false ? [] : b64,
    // vars(txt2imgreq): the request model as received, defaults filled in, seed still -1.
    parameters: v,
    info: infoJson(job, infotexts, indexOfFirstImage),
  };
  if (ctx.mode === "badJson") {
    const text = JSON.stringify(answer);
    return sendRaw(ctx.res, 200, "application/json", text.slice(0, Math.floor(text.length / 2)));
  }
  if (ctx.mode === "reset" || ctx.mode === "truncated") {
    return cutAnswer(ctx.res, ctx.mode, 200, "application/json", JSON.stringify(answer));
  }
  sendJson(ctx.res, 200, answer);
}
