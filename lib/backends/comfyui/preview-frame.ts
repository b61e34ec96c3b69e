import "server-only";
import type { PreviewFrame } from "../types";

/** server.py BinaryEventTypes: what the first 4 bytes (big-endian) of a binary /ws message say. */
export const PREVIEW_IMAGE = 1;
export const PREVIEW_IMAGE_WITH_METADATA = 4;

/** send_image's second word: 1 JPEG, 2 PNG. */
const IMAGE_TYPES: Record<number, string> = { 1: "image/jpeg", 2: "image/png" };

/**
 * A live preview from ComfyUI's websocket, or undefined for any other binary message.
 * PREVIEW_IMAGE: event type, image type, the image. PREVIEW_IMAGE_WITH_METADATA (newer
 * servers): event type, a metadata length, that much JSON ({ image_type, prompt_id, node_id,
 * … }), the image. `promptId` is set when the server said which prompt the frame is of.
 */
export function parsePreviewFrame(data: Buffer): { frame: PreviewFrame; promptId?: string } | undefined {
  if (data.byteLength < 8) return undefined;
  const event = data.readUInt32BE(0);
  if (event === PREVIEW_IMAGE) {
    const mime = IMAGE_TYPES[data.readUInt32BE(4)];
    const bytes = data.subarray(8);
    return mime && bytes.byteLength > 0 ? { frame: { mime, bytes } } : undefined;
  }
  if (event === PREVIEW_IMAGE_WITH_METADATA) {
    const length = data.readUInt32BE(4);
    if (8 + length >= data.byteLength) return undefined;
    let meta: { image_type?: unknown; prompt_id?: unknown };
    try {
      meta = JSON.parse(data.subarray(8, 8 + length).toString("utf8")) as typeof meta;
    } catch {
      return undefined;
    }
    const mime = typeof meta.image_type === "string" ? meta.image_type : "image/jpeg";
    const frame = { mime, bytes: data.subarray(8 + length) };
    return typeof meta.prompt_id === "string" ? { frame, promptId: meta.prompt_id } : { frame };
  }
  return undefined;
}
