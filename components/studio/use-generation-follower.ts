"use client";

import { type Dispatch, useCallback, useEffect, useRef } from "react";
import { cancelGeneration } from "@/lib/client/api";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { followGeneration, isFinished } from "@/lib/client/follow-generation";
import type { GenerationView, StudioAction } from "./studio-state";

/** Follows each running generation's events into the studio state; cancels on request. */
export function useGenerationFollower(dispatch: Dispatch<StudioAction>, initial: GenerationView[]) {
  const following = useRef(new Map<string, () => void>());
  const initialRef = useRef(initial);

  const follow = useCallback(
    (id: string) => {
      const map = following.current;
      if (map.has(id)) return;
      const stop = followGeneration(id, {
        onGeneration: (generation) => dispatch({ type: "generationChanged", generation }),
        onProgress: (progress) => dispatch({ type: "progress", id, progress }),
        onImage: (image) => dispatch({ type: "image", id, image }),
        onRetry: (retry) => dispatch({ type: "retry", id, retry }),
        onDone: (generation) => {
          map.delete(id);
          dispatch({ type: "generationDone", generation });
        },
        onError: (error, generation) => {
          map.delete(id);
          dispatch({ type: "generationError", id, error, generation });
        },
      });
      map.set(id, stop);
    },
    [dispatch],
  );

  // Pick up generations that were still running when the page loaded; stop everything on leave.
  useEffect(() => {
    const map = following.current;
    for (const g of initialRef.current) if (!isFinished(g.status)) follow(g.id);
    return () => {
      for (const stop of map.values()) stop();
      map.clear();
    };
  }, [follow]);

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

  return { follow, cancel };
}
