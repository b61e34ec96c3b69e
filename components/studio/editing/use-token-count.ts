"use client";

import { useEffect, useState } from "react";
import { measurePrompt } from "@/lib/client/api";

const DEBOUNCE_MS = 300;

/**
 * The token count of a prompt for backends that read tokens, for the model family in force,
 * asked of the server a moment after typing stops: CLIP counted exactly, T5 (FLUX, SD3)
 * estimated there too, so no tokenizer code reaches the browser. Null until known (the meter
 * then estimates).
 */
export function useTokenCount(
  backend: string,
  prompt: string,
  enabled: boolean,
  family?: string | null,
): number | null {
  const [known, setKnown] = useState<{ key: string; tokens: number } | null>(null);
  const key = `${backend}\u0000${family ?? ""}\u0000${prompt}`;

  useEffect(() => {
    if (!enabled || !prompt.trim()) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      measurePrompt(backend, prompt, { family }, ctrl.signal)
        .then((r) => {
          if (typeof r.tokens === "number") setKnown({ key, tokens: r.tokens });
        })
        .catch(() => {
          // The meter falls back to an estimate; nothing to show.
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [backend, prompt, enabled, family, key]);

  return known?.key === key ? known.tokens : null;
}
