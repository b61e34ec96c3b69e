"use client";

import { useCallback, useMemo, useState } from "react";

/** At most this many versions are picked at once (a comparison takes 2–4). */
export const MAX_SELECTED = 4;

/**
 * Which versions are ticked for comparing, in the order they were ticked; ids no longer among
 * `known` drop out on their own.
 */
export function useVersionSelection(known: readonly string[]) {
  const [picked, setPicked] = useState<string[]>([]);
  const selected = useMemo(() => picked.filter((id) => known.includes(id)), [picked, known]);
  const toggle = useCallback((id: string, on: boolean) => {
    setPicked((s) => {
      const rest = s.filter((x) => x !== id);
      return on && rest.length < MAX_SELECTED ? [...rest, id] : rest;
    });
  }, []);
  const clear = useCallback(() => setPicked([]), []);
  return { selected, toggle, clear, full: selected.length >= MAX_SELECTED };
}
