import "server-only";
import { sharp } from "@/lib/images/sharp";
import type { PreviewFrame } from "@/lib/backends/types";
import { log } from "@/lib/log";

/** At most one frame per this long per generation reaches the page; the newest one waits its turn. */
export const PREVIEW_INTERVAL_MS = 400;
/** A frame is shown in a result card: 256 px on its longer side is plenty, and keeps the stream light. */
export const PREVIEW_MAX_SIDE = 256;
/** Larger than this after shrinking, a frame is dropped (a preview is a nicety, not a download). */
export const PREVIEW_MAX_BYTES = 48 * 1024;

/** What the events stream carries: `event: preview` `{ mime, data }` (data is base64). */
export type PreviewEvent = { mime: string; data: string };

export type PreviewRelay = {
  onPreview: (frame: PreviewFrame) => void;
  /** No frame goes out after this, not even one being shrunk: the image (or the end) comes next. */
  stop: () => void;
};

export type PreviewRelayOptions = { intervalMs?: number; maxSide?: number; maxBytes?: number };

const PASS_THROUGH = new Set(["jpeg", "png", "webp"]);

/**
 * A frame the page can show: one already small enough goes as it is (its type read from its
 * bytes, not taken from the backend's word); a larger one is made a ≤ maxSide WebP. Undefined
 * for bytes that are no image, or a frame still too large.
 */
export async function shrinkFrame(
  frame: PreviewFrame,
  maxSide = PREVIEW_MAX_SIDE,
  maxBytes = PREVIEW_MAX_BYTES,
): Promise<PreviewEvent | undefined> {
  const input = sharp(frame.bytes, { limitInputPixels: 4096 * 4096 });
  const meta = await input.metadata();
  if (!meta.width || !meta.height || !meta.format) return undefined;
  let mime = `image/${meta.format}`;
  let bytes: Buffer | Uint8Array = frame.bytes;
  const small = meta.width <= maxSide && meta.height <= maxSide && frame.bytes.byteLength <= maxBytes;
  if (!(small && PASS_THROUGH.has(meta.format))) {
    bytes = await input
      .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 72, effort: 0 })
      .toBuffer();
    mime = "image/webp";
  }
  if (bytes.byteLength > maxBytes) return undefined;
  return { mime, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64") };
}

/**
 * Between a backend's frames and the page: throttled to one per interval (the newest frame
 * kept, those in between dropped before any work is spent on them), shrunk, one at a time.
 * Nothing here is stored; `send` decides where a frame goes.
 */
export function createPreviewRelay(
  send: (preview: PreviewEvent) => void,
  opts: PreviewRelayOptions = {},
): PreviewRelay {
  const intervalMs = opts.intervalMs ?? PREVIEW_INTERVAL_MS;
  let latest: PreviewFrame | undefined;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = false;
  let stopped = false;
  let failures = 0;

  const pump = () => {
    if (stopped || busy || timer || !latest) return;
    const wait = lastSentAt + intervalMs - Date.now();
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = undefined;
        pump();
      }, wait);
      return;
    }
    const frame = latest;
    latest = undefined;
    busy = true;
    lastSentAt = Date.now();
    shrinkFrame(frame, opts.maxSide, opts.maxBytes)
      .then((preview) => {
        if (preview && !stopped) send(preview);
      })
      .catch((error: unknown) => {
        // Once per generation: a backend that sends odd frames would otherwise fill the log.
        if (failures++ === 0) log.debug("a preview frame could not be read; skipped", { error });
      })
      .finally(() => {
        busy = false;
        pump();
      });
  };

  return {
    onPreview: (frame) => {
      if (stopped) return;
      latest = frame;
      pump();
    },
    stop: () => {
      stopped = true;
      latest = undefined;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
