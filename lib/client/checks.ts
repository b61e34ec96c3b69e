import type { ImageCheck } from "@/lib/schemas/checks";
import { request } from "./api";

/** The judge's routes, as the browser sees them (issue 11): check an image, read its latest check. */

/** POST /api/images/:id/check: the judge answers every item of the image's version's checklist. */
export function checkImage(imageId: string, signal?: AbortSignal): Promise<ImageCheck> {
  return request(`/api/images/${encodeURIComponent(imageId)}/check`, { method: "POST", signal });
}

/** The image's latest check from GET /api/images/:id (`check`), or null when it has none yet. */
export async function getLatestCheck(imageId: string, signal?: AbortSignal): Promise<ImageCheck | null> {
  const detail = await request<{ check?: ImageCheck | null }>(`/api/images/${encodeURIComponent(imageId)}`, {
    signal,
    cache: "no-store",
  });
  return detail?.check ?? null;
}

export type CheckTally = { passed: number; missed: number; unsure: number; total: number };

export function tally(check: ImageCheck): CheckTally {
  const count = (v: string) => check.items.filter((i) => i.verdict === v).length;
  return { passed: count("pass"), missed: count("fail"), unsure: count("unsure"), total: check.items.length };
}

/** Misses first (the call to action), then the unsure, then the passes; the checklist's order within each. */
export function itemsByUrgency(check: ImageCheck): ImageCheck["items"] {
  const rank = { fail: 0, unsure: 1, pass: 2 } as const;
  return check.items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank[a.item.verdict] - rank[b.item.verdict] || a.i - b.i)
    .map(({ item }) => item);
}

/*
 * Checks heard on a generation's event stream (`check`, sent when AUTO_CHECK checks a new image):
 * lib/client/follow-generation.ts publishes them, the result cards' receipts listen. The last few
 * are kept, since a check may be heard a moment before its receipt is on the page.
 */
type CheckListener = (check: ImageCheck) => void;
const listeners = new Map<string, Set<CheckListener>>();
const heard = new Map<string, ImageCheck>();
const KEEP = 100;

export function publishCheck(check: ImageCheck): void {
  heard.delete(check.imageId);
  heard.set(check.imageId, check);
  for (const old of heard.keys()) {
    if (heard.size <= KEEP) break;
    heard.delete(old);
  }
  for (const listener of listeners.get(check.imageId) ?? []) listener(check);
}

/** Calls `listener` with each check of the image heard from now on, and at once with one already heard. */
export function subscribeToChecks(imageId: string, listener: CheckListener): () => void {
  const set = listeners.get(imageId) ?? new Set<CheckListener>();
  set.add(listener);
  listeners.set(imageId, set);
  const already = heard.get(imageId);
  if (already) listener(already);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(imageId);
  };
}
