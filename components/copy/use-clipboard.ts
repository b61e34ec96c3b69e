"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** What the last copy did: nothing yet, copied (with what was said), or refused (with the text to copy by hand). */
export type CopyState = { kind: "idle" } | { kind: "copied"; said: string } | { kind: "failed"; text: string };

/**
 * Writes text to the clipboard and remembers the outcome for a moment. The Clipboard API is
 * missing on plain http from another machine and may be refused by the browser; then the state
 * holds the text, so the caller can offer it to copy by hand.
 */
export function useClipboard(clearAfterMs = 2500) {
  const [state, setState] = useState<CopyState>({ kind: "idle" });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clear(timer), []);

  const copy = useCallback(
    async (text: string, said: string) => {
      clear(timer);
      try {
        if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
        await navigator.clipboard.writeText(text);
        setState({ kind: "copied", said });
        timer.current = setTimeout(() => setState({ kind: "idle" }), clearAfterMs);
      } catch {
        // Stays until the next copy or dismissal: the person needs time to select the text.
        setState({ kind: "failed", text });
      }
    },
    [clearAfterMs],
  );
  const reset = useCallback(() => {
    clear(timer);
    setState({ kind: "idle" });
  }, []);
  return { state, copy, reset };
}

function clear(timer: { current: ReturnType<typeof setTimeout> | null }) {
  if (timer.current) clearTimeout(timer.current);
  timer.current = null;
}
