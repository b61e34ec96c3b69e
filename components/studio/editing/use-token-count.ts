"use client";

import { useEffect, useState } from "react";
import { measurePrompt } from "@/lib/client/api";

const DEBOUNCE_MS = 300;

/**
 * The exact token count of a prompt for backends that read tokens (CLIP), asked of the
 * server a moment after typing stops; null until known (the meter then estimates).
 */
export function useTokenCount(backend: string, prompt: string, enabled: boolean): number | null {
  const [known, setKnown] = useState<{ key: string; tokens: number } | null>(null);
  const key = `${backend}\u0000${prompt}`;

  useEffect(() => {
    if (!enabled || !prompt.trim()) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      measurePrompt(backend, prompt, ctrl.signal)
        .then((r) => {
          if (typeof r.tokens === "number") setKnown({ key: `${backend}\u0000${prompt}`, tokens: r.tokens });
        })
        .catch(() => {
          // The meter falls back to an estimate; nothing to show.
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [backend, prompt, enabled]);

  return known?.key === key ? known.tokens : null;
}
