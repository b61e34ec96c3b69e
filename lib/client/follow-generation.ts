import type { ErrorInfo, Generation, GenerationWithImages, Image } from "@/lib/schemas/entities";
import type { ImageCheck } from "@/lib/schemas/checks";
import { getGeneration } from "./api";
import { ApiError, isAbort, isNetworkError } from "./api-error";
import { publishCheck } from "./checks";
import { type ConnectionMonitor, connection } from "./connection";

export type GenerationHandlers = {
  onGeneration: (g: Generation) => void;
  onProgress: (progress: number) => void;
  onImage: (image: Image) => void;
  /** The generation ended (succeeded, failed or canceled) with its images. */
  onDone: (g: GenerationWithImages) => void;
  /** The server said it failed, or it cannot be followed any more (gone, or the server keeps erring). Never a lost connection. */
  onError: (error: ErrorInfo, g: Generation | undefined) => void;
  /** The backend failed once and the job will try again after a pause. */
  onRetry?: (retry: RetryInfo) => void;
  /**
   * false: the stream broke and what is shown may be stale until the server answers again;
   * true: the server answered again (what follows is live).
   */
  onLive?: (live: boolean) => void;
  /** A live frame of the image being made, as a data: URL (never stored; the image replaces it). */
  onPreview?: (url: string) => void;
};

const PREVIEW_TYPES = new Set(["image/jpeg", "image/png", "image/webp"]);

export type RetryInfo = { attempt: number; delayMs: number; reason: string };

export function isFinished(status: Generation["status"]): boolean {
  return status === "succeeded" || status === "failed" || status === "canceled";
}

const POLL_MS = 1000;
/** Errors from a server that answers (5xx) before the follower gives up; a server that does not answer is waited for. */
const MAX_SERVER_ERRORS = 5;
/** Streams that break with the server still answering before the follower polls instead. */
const MAX_STREAM_BREAKS = 3;

/**
 * Follows one generation through GET /api/generations/:id/events. When the stream breaks it
 * never declares the generation failed: the page's connection monitor checks the server
 * (and, if it is gone, reconnects with backoff); once the server answers, GET
 * /api/generations/:id says where the generation is (ended, perhaps `interrupted` by a
 * restart, or still going: then the stream is opened again). A stream that keeps breaking
 * while the server answers falls back to polling. Returns a function that stops following.
 */
export function followGeneration(
  id: string,
  h: GenerationHandlers,
  monitor: ConnectionMonitor = connection(),
): () => void {
  let stopped = false;
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unwait: (() => void) | undefined;
  let breaks = 0;
  let serverErrors = 0;
  let live = true;
  const requests = new AbortController();

  const stop = () => {
    stopped = true;
    source?.close();
    source = undefined;
    if (timer) clearTimeout(timer);
    unwait?.();
    requests.abort();
  };

  const setLive = (next: boolean) => {
    if (live === next || stopped) return;
    live = next;
    h.onLive?.(next);
  };

  const finish = (g: GenerationWithImages) => {
    stop();
    h.onDone(g);
  };

  const fail = (error: ErrorInfo, g: Generation | undefined) => {
    stop();
    h.onError(error, g);
  };

  /** The server could not be reached: say nothing here (the monitor says it once), wait, then look. */
  const waitForServer = () => {
    if (stopped) return;
    setLive(false);
    monitor.suspect();
    unwait?.();
    unwait = monitor.onceOnline(() => {
      unwait = undefined;
      look();
    });
  };

  const streamable = () => typeof EventSource !== "undefined" && breaks < MAX_STREAM_BREAKS;

  /** GET the generation: ended → done; still going → follow on (stream, or poll). */
  const look = () => {
    if (stopped) return;
    getGeneration(id, requests.signal)
      .then((g) => {
        if (stopped) return;
        serverErrors = 0;
        setLive(true);
        if (isFinished(g.status)) return finish(g);
        h.onGeneration(g);
        h.onProgress(g.progress);
        if (streamable()) open();
        else timer = setTimeout(look, POLL_MS);
      })
      .catch((e: unknown) => {
        if (stopped || isAbort(e)) return;
        if (isNetworkError(e)) return waitForServer();
        if (e instanceof ApiError && e.status === 404) return fail({ code: e.code, message: e.message }, undefined);
        serverErrors += 1;
        if (serverErrors >= MAX_SERVER_ERRORS) {
          const info = e instanceof ApiError ? { code: e.code, message: e.message } : undefined;
          return fail(
            info ?? { code: "internal", message: "The server could not say how the generation went." },
            undefined,
          );
        }
        timer = setTimeout(look, POLL_MS * (serverErrors + 1));
      });
  };

  const open = () => {
    if (stopped) return;
    const es = new EventSource(`/api/generations/${encodeURIComponent(id)}/events`);
    source = es;
    const on = <T>(name: string, fn: (data: T) => void) =>
      es.addEventListener(name, (e) => {
        if (stopped || source !== es || !(e instanceof MessageEvent) || typeof e.data !== "string") return;
        let data: T;
        try {
          data = JSON.parse(e.data) as T;
        } catch {
          return;
        }
        // A message proves this stream works: later breaks start counting afresh.
        breaks = 0;
        setLive(true);
        fn(data);
      });

    on<Generation>("generation", (g) => h.onGeneration(g));
    on<{ progress: number }>("progress", (d) => {
      if (typeof d.progress === "number") h.onProgress(d.progress);
    });
    on<Image>("image", (img) => h.onImage(img));
    on<GenerationWithImages>("done", (g) => finish(g));
    on<RetryInfo>("retry", (r) => h.onRetry?.(r));
    on<{ mime?: unknown; data?: unknown }>("preview", (d) => {
      if (typeof d.mime === "string" && PREVIEW_TYPES.has(d.mime) && typeof d.data === "string") {
        h.onPreview?.(`data:${d.mime};base64,${d.data}`);
      }
    });
    // AUTO_CHECK's check of a new image (issue 11): the result card's receipt hears it (lib/client/checks.ts).
    on<{ check?: ImageCheck }>("check", (d) => {
      if (d.check && typeof d.check.imageId === "string" && Array.isArray(d.check.items)) publishCheck(d.check);
    });
    // A server-sent `event: error` arrives as a MessageEvent with data; a broken connection as a plain Event.
    es.addEventListener("error", (e) => {
      if (stopped || source !== es) return;
      if (e instanceof MessageEvent && typeof e.data === "string") {
        let payload: { error?: ErrorInfo; generation?: Generation } = {};
        try {
          payload = JSON.parse(e.data) as typeof payload;
        } catch {}
        fail(payload.error ?? { code: "internal", message: "The generation failed." }, payload.generation);
        return;
      }
      // EventSource would retry on its own schedule (and not at all after a 5xx): take over.
      es.close();
      source = undefined;
      breaks += 1;
      waitForServer();
    });
  };

  if (typeof EventSource === "undefined") look();
  else open();
  return stop;
}
