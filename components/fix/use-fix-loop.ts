"use client";

import { useEffect, useState } from "react";
import { getFixLoop, fixLoopEventsUrl } from "@/lib/client/fix-loops";
import type { FixLoop } from "@/lib/schemas/checks";

const POLL_MS = 2000;

/**
 * The loop as the server has it, live: its SSE events while it runs; when the stream breaks (a
 * server restart, a proxy), a re-read every few seconds until it ends. A reload simply starts over.
 */
export function useFixLoop(loopId: string, initial?: FixLoop | null): FixLoop | null {
  const [loop, setLoop] = useState<FixLoop | null>(initial ?? null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const requests = new AbortController();
    const poll = () => {
      void getFixLoop(loopId, requests.signal)
        .then((l) => {
          if (stopped) return;
          setLoop(l);
          if (l.status === "running") timer = setTimeout(poll, POLL_MS);
        })
        .catch(() => {
          if (!stopped) timer = setTimeout(poll, POLL_MS);
        });
    };
    const source = new EventSource(fixLoopEventsUrl(loopId));
    const take = (e: MessageEvent<string>) => {
      const data = JSON.parse(e.data) as FixLoop | { loop: FixLoop };
      setLoop("loop" in data ? data.loop : data);
    };
    source.addEventListener("round", take as EventListener);
    source.addEventListener("done", (e) => {
      take(e as MessageEvent<string>);
      source.close();
    });
    source.addEventListener("error", (e) => {
      const message = e as MessageEvent<string>;
      if (typeof message.data === "string") take(message);
      source.close();
      // A broken stream (no data): the server says where the loop is.
      if (typeof message.data !== "string" && !stopped) poll();
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      requests.abort();
      source.close();
    };
  }, [loopId]);
  return loop;
}
