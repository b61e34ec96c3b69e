"use client";

import { type Dispatch, useCallback, useEffect, useRef } from "react";
import { toShownError } from "@/lib/client/api-error";
import type { RefineOutcome } from "@/lib/client/refine-stream";
import type { RefineBody } from "@/lib/schemas/api";
import type { RefineMode, StudioAction } from "../studio-state";

const loadRefineStream = () => import("@/lib/client/refine-stream");

export function preloadRefineStream(): void {
  void loadRefineStream().catch(() => undefined);
}

/**
 * Runs one refinement at a time (of one prompt, or of 2–4 candidates), streaming into the
 * studio state; Stop (or Esc) aborts it.
 */
export function useRefine(dispatch: Dispatch<StudioAction>, active: boolean) {
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(
    async (body: RefineBody, mode: RefineMode): Promise<RefineOutcome | undefined> => {
      controller.current?.abort();
      const c = new AbortController();
      controller.current = c;
      const candidates = body.candidates && body.candidates >= 2 ? body.candidates : undefined;
      dispatch({ type: "refineStart", mode, candidates });
      try {
        // The stream reader (and its SSE parser) loads with the first refinement, not the page
        // (issue 12); typing an idea has usually fetched it already (preloadRefineStream).
        const { streamRefine } = await loadRefineStream();
        const outcome = await streamRefine(body, {
          signal: c.signal,
          onDelta: (d) =>
            dispatch({
              type: "refineDelta",
              text: d.text,
              reset: d.reset === true,
              ...(candidates && d.candidate !== undefined ? { candidate: d.candidate } : {}),
            }),
          onCandidate: (index, version) => dispatch({ type: "candidateSaved", index, version }),
          onCandidateError: (index, error) => dispatch({ type: "candidateFailed", index, error }),
        });
        if (outcome.kind === "one") dispatch({ type: "refineDone", version: outcome.version });
        else dispatch({ type: "candidatesDone", items: outcome.items, failed: outcome.failed });
        return outcome;
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
