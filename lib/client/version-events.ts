import type { PromptVersion } from "@/lib/schemas/entities";

/*
 * A version made outside the Studio's own flows (a Fix misses round, made on the server) as it
 * becomes known in the page, so the Studio's History shows it without a reload. A window event:
 * the loop view sits deep in a result card, and the Studio need not pass a callback down to it;
 * on a page with no Studio nobody listens and nothing happens.
 */
const EVENT = "promptsmith:version";

export function announceVersion(version: PromptVersion): void {
  window.dispatchEvent(new CustomEvent<PromptVersion>(EVENT, { detail: version }));
}

/** Calls `take` with every version announced from now on; returns the unsubscribe. */
export function onVersionAnnounced(take: (version: PromptVersion) => void): () => void {
  const listener = (e: Event) => take((e as CustomEvent<PromptVersion>).detail);
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
