import type { ErrorInfo, Generation, GenerationWithImages, Image } from "@/lib/schemas/entities";
import { getGeneration } from "./api";

export type GenerationHandlers = {
  onGeneration: (g: Generation) => void;
  onProgress: (progress: number) => void;
  onImage: (image: Image) => void;
  /** The generation ended (succeeded, failed or canceled) with its images. */
  onDone: (g: GenerationWithImages) => void;
  onError: (error: ErrorInfo, g: Generation | undefined) => void;
  /** The backend failed once and the job will try again after a pause. */
  onRetry?: (retry: RetryInfo) => void;
};

export type RetryInfo = { attempt: number; delayMs: number; reason: string };

export function isFinished(status: Generation["status"]): boolean {
  return status === "succeeded" || status === "failed" || status === "canceled";
}

const POLL_MS = 1000;
const MAX_POLL_FAILURES = 5;

/**
 * Follows one generation through GET /api/generations/:id/events. If the event stream
 * breaks, it falls back to polling GET /api/generations/:id until the generation ends.
 * Returns a function that stops following.
 */
export function followGeneration(id: string, h: GenerationHandlers): () => void {
  let stopped = false;
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const polling = new AbortController();

  const stop = () => {
    stopped = true;
    source?.close();
    if (timer) clearTimeout(timer);
    polling.abort();
  };

  const finish = (g: GenerationWithImages) => {
    stop();
    h.onDone(g);
  };

  const poll = (failures = 0) => {
    if (stopped) return;
    getGeneration(id, polling.signal)
      .then((g) => {
        if (stopped) return;
        if (isFinished(g.status)) finish(g);
        else {
          h.onGeneration(g);
          h.onProgress(g.progress);
          timer = setTimeout(() => poll(0), POLL_MS);
        }
      })
      .catch((e: unknown) => {
        if (stopped) return;
        if (failures + 1 >= MAX_POLL_FAILURES) {
          stop();
          h.onError(
            { code: "network", message: e instanceof Error ? e.message : "Lost contact with the server." },
            undefined,
          );
        } else timer = setTimeout(() => poll(failures + 1), POLL_MS * (failures + 2));
      });
  };

  if (typeof EventSource === "undefined") {
    poll();
    return stop;
  }

  source = new EventSource(`/api/generations/${encodeURIComponent(id)}/events`);
  const on = <T>(name: string, fn: (data: T) => void) =>
    source?.addEventListener(name, (e) => {
      if (stopped || !(e instanceof MessageEvent) || typeof e.data !== "string") return;
      let data: T;
      try {
        data = JSON.parse(e.data) as T;
      } catch {
        return;
      }
      fn(data);
    });

  on<Generation>("generation", (g) => h.onGeneration(g));
  on<{ progress: number }>("progress", (d) => {
    if (typeof d.progress === "number") h.onProgress(d.progress);
  });
  on<Image>("image", (img) => h.onImage(img));
  on<GenerationWithImages>("done", (g) => finish(g));
  on<RetryInfo>("retry", (r) => h.onRetry?.(r));
  // A server-sent `event: error` arrives as a MessageEvent with data; a broken connection as a plain Event.
  source.addEventListener("error", (e) => {
    if (stopped) return;
    if (e instanceof MessageEvent && typeof e.data === "string") {
      let payload: { error?: ErrorInfo; generation?: Generation } = {};
      try {
        payload = JSON.parse(e.data) as typeof payload;
      } catch {}
      stop();
      h.onError(payload.error ?? { code: "internal", message: "The generation failed." }, payload.generation);
      return;
    }
    source?.close();
    poll();
  });

  return stop;
}
