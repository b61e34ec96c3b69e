import type { FixBody, FixLoop, ImageCheck } from "@/lib/schemas/checks";
import type { ImageDetail } from "@/lib/schemas/entities";
import { request } from "./api";

/** The fix-the-misses loop's routes, as the browser sees them (issue 11). */

export function startFixLoop(imageId: string, body: FixBody = {}): Promise<FixLoop> {
  return request(`/api/images/${encodeURIComponent(imageId)}/fix`, { method: "POST", body: JSON.stringify(body) });
}

export function getFixLoop(id: string, signal?: AbortSignal): Promise<FixLoop> {
  return request(`/api/fix-loops/${encodeURIComponent(id)}`, { signal, cache: "no-store" });
}

export function cancelFixLoop(id: string): Promise<FixLoop> {
  return request(`/api/fix-loops/${encodeURIComponent(id)}/cancel`, { method: "POST" });
}

export function fixLoopEventsUrl(id: string): string {
  return `/api/fix-loops/${encodeURIComponent(id)}/events`;
}

/** GET /api/images/:id: a round's image with its version (the prompt to diff) and its check. */
export function getImageDetail(id: string, signal?: AbortSignal): Promise<ImageDetail & { check?: ImageCheck | null }> {
  return request(`/api/images/${encodeURIComponent(id)}`, { signal, cache: "no-store" });
}
