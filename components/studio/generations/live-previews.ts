import { useSyncExternalStore } from "react";

/*
 * The latest live frame of each generation being made, as a data: URL, for its result card.
 * Kept outside the studio's reducer: frames come a few times a second, matter to one card only,
 * and are dropped (never stored) when the image arrives or the generation ends.
 */
const frames = new Map<string, string>();
const listeners = new Set<() => void>();

export function setLivePreview(id: string, url: string | undefined): void {
  if (frames.get(id) === url) return;
  if (url === undefined) frames.delete(id);
  else frames.set(id, url);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLivePreview(id: string): string | undefined {
  return useSyncExternalStore(
    subscribe,
    () => frames.get(id),
    () => undefined,
  );
}
