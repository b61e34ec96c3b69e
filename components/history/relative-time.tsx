"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/client/format";
import { relativeTime } from "@/lib/client/relative-time";

// One ticker for every relative time on the page: they all move on together, once a minute.
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let minute = Math.floor(Date.now() / 60_000);

function subscribe(onChange: () => void) {
  listeners.add(onChange);
  if (!timer) {
    timer = setInterval(() => {
      minute = Math.floor(Date.now() / 60_000);
      for (const l of listeners) l();
    }, 30_000);
  }
  return () => {
    listeners.delete(onChange);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
const onClient = () => minute;
const onServer = () => 0;

/**
 * "5 min. ago": the fixed UTC time on the server and during hydration (so they agree), then
 * relative to now in the reader's locale; the exact time is in the title and `dateTime`.
 */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const now = useSyncExternalStore(subscribe, onClient, onServer);
  // The minute snapshot can lag the clock by up to a tick; never say a fresh version is in the future.
  const text = now ? relativeTime(iso, Math.max(now * 60_000, Date.now())) : formatDateTime(iso);
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className={className}>
      {text}
    </time>
  );
}
