"use client";

import { type Dispatch, useCallback, useEffect, useRef, useState } from "react";
import { cancelGeneration, startGeneration } from "@/lib/client/api";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { connection } from "@/lib/client/connection";
import { followGeneration, isFinished } from "@/lib/client/follow-generation";
import { retryBody } from "@/lib/client/retry-generation";
import type { Generation } from "@/lib/schemas/entities";
import type { GenerationView, StudioAction } from "../studio-state";
import { setLivePreview } from "./live-previews";

/**
 * Follows each running generation's events into the studio state; cancels and retries on
 * request. `stale` holds the generations whose stream broke and which have not heard from the
 * server since: their cards must not claim live progress.
 */
export function useGenerationFollower(dispatch: Dispatch<StudioAction>, initial: GenerationView[]) {
  const following = useRef(new Map<string, () => void>());
  const initialRef = useRef(initial);
  const [stale, setStale] = useState<ReadonlySet<string>>(() => new Set());

  const markStale = useCallback((id: string, on: boolean) => {
    setStale((cur) => {
      if (cur.has(id) === on) return cur;
      const next = new Set(cur);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const follow = useCallback(
    (id: string) => {
      const map = following.current;
      if (map.has(id)) return;
      const stop = followGeneration(id, {
        onGeneration: (generation) => dispatch({ type: "generationChanged", generation }),
        onProgress: (progress) => dispatch({ type: "progress", id, progress }),
        onImage: (image) => {
          setLivePreview(id, undefined);
          dispatch({ type: "image", id, image });
        },
        onPreview: (url) => setLivePreview(id, url),
        onRetry: (retry) => {
          // The failed attempt's picture is not what the next one will draw.
          setLivePreview(id, undefined);
          dispatch({ type: "retry", id, retry });
        },
        onLive: (live) => markStale(id, !live),
        onDone: (generation) => {
          map.delete(id);
          setLivePreview(id, undefined);
          markStale(id, false);
          dispatch({ type: "generationDone", generation });
        },
        onError: (error, generation) => {
          map.delete(id);
          setLivePreview(id, undefined);
          markStale(id, false);
          dispatch({ type: "generationError", id, error, generation });
        },
      });
      map.set(id, stop);
    },
    [dispatch, markStale],
  );

  // Pick up generations that were still running when the page loaded; stop everything on leave.
  useEffect(() => {
    const map = following.current;
    for (const g of initialRef.current) if (!isFinished(g.status)) follow(g.id);
    return () => {
      for (const [id, stop] of map) {
        stop();
        setLivePreview(id, undefined);
      }
      map.clear();
    };
  }, [follow]);

  // Back after a loss: errors that only said "could not be reached" are no longer true.
  useEffect(() => {
    const monitor = connection();
    let seen = monitor.getSnapshot().reconnects;
    return monitor.subscribe(() => {
      const { reconnects } = monitor.getSnapshot();
      if (reconnects === seen) return;
      seen = reconnects;
      dispatch({ type: "connectionBack" });
    });
  }, [dispatch]);

  const cancel = useCallback(
    async (id: string): Promise<ShownError | null> => {
      try {
        const generation = await cancelGeneration(id);
        dispatch({ type: "generationChanged", generation });
        return null;
      } catch (e) {
        return toShownError(e);
      }
    },
    [dispatch],
  );

  /**
   * Starts the same prompt version on the same backend with the same parameters again. The
   * new generation goes to the top as a new card; the failed one stays where it was, as the
   * server keeps it (a reload shows both).
   */
  const retry = useCallback(
    async (g: Generation): Promise<ShownError | null> => {
      const body = retryBody(g);
      if (!body.ok) return { code: "invalid_request", message: body.message };
      try {
        const generation = await startGeneration(body.value);
        dispatch({ type: "generationAdded", generation });
        follow(generation.id);
        return null;
      } catch (e) {
        return toShownError(e);
      }
    },
    [dispatch, follow],
  );

  return { follow, cancel, retry, stale };
}
