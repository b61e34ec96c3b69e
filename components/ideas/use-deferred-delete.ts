"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { deleteIdeaNow } from "@/lib/client/ideas";
import type { IdeaSummary } from "@/lib/schemas/entities";

/**
 * Delete with Undo, without asking the server to bring anything back: Delete only hides the
 * card and starts the undo window (UndoNotice's timer). The DELETE request goes when the window
 * ends, or at once, with fetch keepalive, when the page is hidden or left (tab switched or
 * closed, reload, navigation away), so a closed tab neither loses the delete nor needs Undo.
 * Undo within the window simply shows the card again: nothing was sent, so nothing is restored.
 */
export function useDeferredDelete() {
  const [pending, setPending] = useState<IdeaSummary[]>([]);
  // Sent (or being sent): hidden for good, unless the request fails.
  const [gone, setGone] = useState<ReadonlySet<string>>(() => new Set());
  const [error, setError] = useState<ShownError | null>(null);
  // Read by the page-leaving handlers, which must not wait for a render.
  const waiting = useRef(new Map<string, IdeaSummary>());

  const send = useCallback((id: string, keepalive: boolean) => {
    if (!waiting.current.delete(id)) return;
    setGone((ids) => new Set(ids).add(id));
    setPending((list) => list.filter((i) => i.id !== id));
    deleteIdeaNow(id, { keepalive }).catch((e) => {
      // Gone already (another tab) is what was asked for; anything else shows the card again.
      const shown = toShownError(e);
      if (shown.code === "not_found") return;
      setError(shown);
      setGone((ids) => {
        const next = new Set(ids);
        next.delete(id);
        return next;
      });
    });
  }, []);

  const remove = useCallback((idea: IdeaSummary) => {
    setError(null);
    waiting.current.set(idea.id, idea);
    setPending((list) => [...list.filter((i) => i.id !== idea.id), idea]);
  }, []);

  const undo = useCallback((id: string) => {
    waiting.current.delete(id);
    setPending((list) => list.filter((i) => i.id !== id));
  }, []);

  /** The undo window ended: send the delete (a no-op after Undo). */
  const settle = useCallback((id: string) => send(id, false), [send]);

  useEffect(() => {
    const flush = () => {
      for (const id of [...waiting.current.keys()]) send(id, true);
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
      // Unmounted by a navigation inside the app (a card opened in the Studio): the window ends here.
      flush();
    };
  }, [send]);

  const hidden = useCallback((id: string) => gone.has(id) || pending.some((i) => i.id === id), [gone, pending]);

  return { pending, hidden, error, remove, undo, settle };
}
