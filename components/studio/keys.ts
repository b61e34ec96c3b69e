import type { KeyboardEvent } from "react";

/** Ctrl+Enter or Cmd+Enter: the studio's "do it" chord. */
export function isSubmitChord(e: KeyboardEvent): boolean {
  return e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.nativeEvent.isComposing;
}
