"use client";

import { useEffect, useState } from "react";
import { isAbort } from "@/lib/client/api-error";
import { getLatestCheck, subscribeToChecks } from "@/lib/client/checks";
import type { ImageCheck } from "@/lib/schemas/checks";

/** How long to wait before each new look while an automatic check is expected (about half a minute in all). */
export const AUTO_CHECK_DELAYS_MS = [800, 1500, 3000, 6000, 12000] as const;

/**
 * An image's latest check: heard on the generation's event stream (AUTO_CHECK's `check` event),
 * else read from GET /api/images/:id. With `follow` (AUTO_CHECK is on and the
 * image is new), a missing check is looked for again with backoff until it lands or the delays
 * run out; `waiting` is true meanwhile. Errors end the looking quietly: the receipt then offers
 * Check image, which says what is wrong.
 */
export function useLatestCheck(imageId: string, follow: boolean) {
  const [check, setCheck] = useState<ImageCheck | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [waiting, setWaiting] = useState(follow);

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async (attempt: number) => {
      try {
        const found = await getLatestCheck(imageId, abort.signal);
        if (abort.signal.aborted) return;
        setLoaded(true);
        if (found) {
          setCheck(found);
          setWaiting(false);
          return;
        }
        const delay = follow ? AUTO_CHECK_DELAYS_MS[attempt] : undefined;
        if (delay === undefined) {
          setWaiting(false);
          return;
        }
        timer = setTimeout(() => void look(attempt + 1), delay);
      } catch (e) {
        if (isAbort(e) || abort.signal.aborted) return;
        setLoaded(true);
        setWaiting(false);
      }
    };
    // A check heard on the generation's event stream ends the looking at once.
    const unsubscribe = subscribeToChecks(imageId, (heard) => {
      abort.abort();
      clearTimeout(timer);
      setCheck(heard);
      setLoaded(true);
      setWaiting(false);
    });
    if (!abort.signal.aborted) void look(0);
    return () => {
      unsubscribe();
      abort.abort();
      clearTimeout(timer);
    };
  }, [imageId, follow]);

  return { check, loaded, waiting, setCheck };
}
