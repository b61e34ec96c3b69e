"use client";

import { useSyncExternalStore } from "react";
import { type ConnectionSnapshot, connection } from "@/lib/client/connection";

const ONLINE: ConnectionSnapshot = { status: "online", attempts: 0, reconnects: 0 };

const subscribe = (listener: () => void) => connection().subscribe(listener);
const onClient = () => connection().getSnapshot();
// The server render cannot know; it says nothing, as the page does while connected.
const onServer = () => ONLINE;

/** The page's connection to the server, as lib/client/connection.ts sees it. */
export function useConnection(): ConnectionSnapshot {
  return useSyncExternalStore(subscribe, onClient, onServer);
}
