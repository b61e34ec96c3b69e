import "server-only";
import { sniffImageType } from "@/lib/http/image-file-response";
import type { PreviewFrame } from "../types";
import { a1111Request } from "./http";
import type { A1111Server } from "./server";

/** skip_current_image: the live preview costs the server an image encode per poll; asked for only when shown. */
export const PROGRESS_PATH = "/sdapi/v1/progress?skip_current_image=true";
export const PREVIEW_PROGRESS_PATH = "/sdapi/v1/progress?skip_current_image=false";
const POLL_TIMEOUT_MS = 5_000;

type ProgressState = { progress: number; jobCount: number; interrupted: boolean; currentImage?: string };

/**
 * GET /sdapi/v1/progress: `{ progress: 0..1, eta_relative, state: { job_count, job_no,
 * sampling_step, sampling_steps, interrupted, … }, current_image, textinfo }`. It describes the
 * server's one running job, whoever started it; job_count 0 means idle (progress is then 0).
 */
export function parseProgress(text: string): ProgressState | undefined {
  try {
    const o = JSON.parse(text) as {
      progress?: unknown;
      state?: { job_count?: unknown; interrupted?: unknown };
      current_image?: unknown;
    };
    if (typeof o.progress !== "number" || !Number.isFinite(o.progress)) return undefined;
    const jobCount = typeof o.state?.job_count === "number" ? o.state.job_count : 0;
    const state: ProgressState = { progress: o.progress, jobCount, interrupted: o.state?.interrupted === true };
    if (typeof o.current_image === "string" && o.current_image) state.currentImage = o.current_image;
    return state;
  } catch {
    return undefined;
  }
}

/**
 * current_image: base64 of the live preview in the server's samples_format (png by default),
 * redrawn every show_progress_every_n_steps steps; the same string until then. Some forks put a
 * data: URL prefix in front.
 */
export function decodeCurrentImage(b64: string): PreviewFrame | undefined {
  const bytes = new Uint8Array(Buffer.from(b64.replace(/^data:[^,]*,/, ""), "base64"));
  const mime = sniffImageType(bytes);
  return mime ? { mime, bytes } : undefined;
}

async function readProgress(
  server: A1111Server,
  signal: AbortSignal,
  withImage = false,
): Promise<ProgressState | undefined> {
  const res = await a1111Request(server, {
    method: "GET",
    path: withImage ? PREVIEW_PROGRESS_PATH : PROGRESS_PATH,
    signal: AbortSignal.any([signal, AbortSignal.timeout(POLL_TIMEOUT_MS)]),
  });
  return res.status === 200 ? parseProgress(res.text) : undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

export type ProgressPoller = { stop(): Promise<void> };

/**
 * Polls while a txt2img call is open and reports the fraction done. Reports only rise and stay
 * below 1 (the images still have to be encoded, sent and checked; the caller says 1 at the end):
 * A1111 falls back to 0 when the job ends, and a job queued before ours shows its own numbers.
 * A failed poll is skipped: progress is a nicety, the txt2img answer is what counts.
 */
export function startProgressPoller(
  server: A1111Server,
  opts: { intervalMs: number; onProgress?: (fraction: number) => void; onPreview?: (frame: PreviewFrame) => void },
): ProgressPoller {
  const stopper = new AbortController();
  let best = 0;
  let lastImage: string | undefined;
  const loop = (async () => {
    while (!stopper.signal.aborted) {
      await sleep(opts.intervalMs, stopper.signal);
      if (stopper.signal.aborted) break;
      try {
        const state = await readProgress(server, stopper.signal, opts.onPreview !== undefined);
        if (!state || state.jobCount === 0 || stopper.signal.aborted) continue;
        const fraction = Math.min(0.99, Math.max(0, state.progress));
        if (fraction > best) {
          best = fraction;
          opts.onProgress?.(fraction);
        }
        // Only a new picture is passed on: between redraws A1111 answers with the same one.
        if (state.currentImage && state.currentImage !== lastImage) {
          lastImage = state.currentImage;
          const frame = decodeCurrentImage(state.currentImage);
          if (frame) opts.onPreview?.(frame);
        }
      } catch {
        // Skipped; the next poll may work.
      }
    }
  })();
  return {
    stop: async () => {
      stopper.abort();
      await loop;
    },
  };
}

/**
 * After a txt2img answer: was that job interrupted on the server (its UI's Interrupt button, or
 * another client)? A1111 then still answers 200 with half-denoised images. Its `interrupted` flag
 * stays set until the next job begins, so "idle and interrupted" means the job that just ended.
 */
export async function endedInterrupted(server: A1111Server): Promise<boolean> {
  try {
    const state = await readProgress(server, new AbortController().signal);
    return state !== undefined && state.jobCount === 0 && state.interrupted;
  } catch {
    return false;
  }
}
