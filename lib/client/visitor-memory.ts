/*
 * What a share's visitor told this browser before: their name (asked once, for every share) and
 * which images they voted for (per link and image). localStorage, because a visitor has no
 * account; a private window or a blocked storage simply asks again.
 */

const NAME_KEY = "promptsmith.visitor-name";
const CHANGED = "promptsmith:visitor-memory";

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Storage may be full or blocked: the visitor is asked again next time, nothing else breaks.
  }
  // The form and every vote toggle on the page follow the same name at once.
  window.dispatchEvent(new Event(CHANGED));
}

/** For useSyncExternalStore: changes in this tab and in others. */
export function subscribeVisitorMemory(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener("storage", onChange);
  };
}

export function rememberedName(): string {
  return read(NAME_KEY) ?? "";
}

export function rememberName(name: string): void {
  write(NAME_KEY, name.trim() || null);
}

const voteKey = (token: string, imageId: string) => `promptsmith.vote:${token}:${imageId}`;

export function rememberedVote(token: string, imageId: string): boolean {
  return read(voteKey(token, imageId)) === "1";
}

export function rememberVote(token: string, imageId: string, vote: boolean): void {
  write(voteKey(token, imageId), vote ? "1" : null);
}
