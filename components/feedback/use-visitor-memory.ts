"use client";

import { useSyncExternalStore } from "react";
import { rememberedName, rememberedVote, subscribeVisitorMemory } from "@/lib/client/visitor-memory";

/** The visitor's remembered name ("" on the server and until they give one). */
export function useVisitorName(): string {
  return useSyncExternalStore(subscribeVisitorMemory, rememberedName, () => "");
}

/** Whether this browser voted for this image through this link. */
export function useRememberedVote(token: string, imageId: string): boolean {
  return useSyncExternalStore(
    subscribeVisitorMemory,
    () => rememberedVote(token, imageId),
    () => false,
  );
}
