"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/client/format";

const subscribe = () => () => {};
const onClient = () => true;
const onServer = () => false;

const local = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * A time that renders the same fixed UTC text on the server and during hydration,
 * then switches to the reader's own time zone and locale.
 */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const hydrated = useSyncExternalStore(subscribe, onClient, onServer);
  const d = new Date(iso);
  const text = hydrated && !Number.isNaN(d.getTime()) ? local.format(d) : formatDateTime(iso);
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className={className}>
      {text}
    </time>
  );
}
