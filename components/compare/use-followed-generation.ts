"use client";

import { useEffect, useState } from "react";
import { followGeneration, isFinished } from "@/lib/client/follow-generation";
import type { GenerationWithImages } from "@/lib/schemas/entities";

export type FollowedGeneration = GenerationWithImages & { ahead?: number | null };

/** One generation as it is now: the server's snapshot, then its live events until it ends. */
export function useFollowedGeneration(initial: GenerationWithImages): FollowedGeneration {
  const [g, setG] = useState<FollowedGeneration>(initial);
  const { id, status } = initial;

  useEffect(() => {
    if (isFinished(status)) return;
    return followGeneration(id, {
      onGeneration: (next) => setG((cur) => ({ ...cur, ...next, images: cur.images })),
      // Polling reports progress 0 while queued too: only real progress means it is running.
      onProgress: (progress) =>
        setG((cur) =>
          isFinished(cur.status) || progress <= 0
            ? cur
            : { ...cur, status: "running", progress: Math.max(cur.progress, progress), ahead: null },
        ),
      onImage: (image) =>
        setG((cur) => (cur.images.some((i) => i.id === image.id) ? cur : { ...cur, images: [...cur.images, image] })),
      onDone: (done) => setG({ ...done, ahead: null }),
      onError: (error, generation) =>
        setG((cur) => ({ ...cur, ...generation, status: generation?.status ?? "failed", error, images: cur.images })),
    });
  }, [id, status]);

  return g;
}
