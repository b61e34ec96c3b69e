"use client";

import { type Dispatch, useCallback, useEffect, useRef } from "react";
import { toShownError } from "@/lib/client/api-error";
import { streamRefine } from "@/lib/client/refine-stream";
import type { RefineBody } from "@/lib/schemas/api";
import type { PromptVersion } from "@/lib/schemas/entities";
import type { StudioAction } from "./studio-state";

/** Runs one refinement at a time, streaming into the studio state; Stop (or Esc) aborts it. */
export function useRefine(dispatch: Dispatch<StudioAction>, active: boolean) {
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(
    async (body: RefineBody, mode: "new" | "again"): Promise<PromptVersion | undefined> => {
      controller.current?.abort();
      const c = new AbortController();
      controller.current = c;
      dispatch({ type: "refineStart", mode });
      try {
        const version = await streamRefine(body, {
          signal: c.signal,
          onDelta: (d) => dispatch({ type: "refineDelta", text: d.text, reset: d.reset === true }),
        });
        dispatch({ type: "refineDone", version });
        return version;
      } catch (e) {
        if (c.signal.aborted) dispatch({ type: "refineStopped" });
        else dispatch({ type: "refineFail", error: toShownError(e) });
        return undefined;
      } finally {
        if (controller.current === c) controller.current = null;
      }
    },
    [dispatch],
  );

  const stop = useCallback(() => controller.current?.abort(), []);

  // Esc stops, wherever focus is.
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented) {
        e.preventDefault();
        controller.current?.abort();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [active]);

  useEffect(() => () => controller.current?.abort(), []);

  return { run, stop };
}
