"use client";

import { useCallback, useState } from "react";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { cancelFixLoop } from "@/lib/client/fix-loops";
import { fixLoopStatus } from "@/lib/client/fix-loop-status";
import type { FixLoop } from "@/lib/schemas/checks";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Spinner } from "@/components/ui/spinner";
import { FixRoundCard } from "./fix-round-card";
import { useFixLoop } from "./use-fix-loop";

/**
 * A fix loop as it runs on the server: the starting image and each round left to right (wrapping
 * on a phone), each with its score and the word diff of its prompt from the one before, the best
 * marked, the state in words, and Cancel while it runs. Follows the loop's events; a reload finds
 * it again by id.
 */
export function FixLoopView({
  loopId,
  initial,
  startScore = null,
}: {
  loopId: string;
  initial?: FixLoop | null;
  /** The starting image's score (its receipt's check): the loop's rows keep only the rounds'. */
  startScore?: number | null;
}) {
  const loop = useFixLoop(loopId, initial);
  const [prompts, setPrompts] = useState<Record<number, string>>({});
  const [error, setError] = useState<ShownError | null>(null);
  const [canceling, setCanceling] = useState(false);
  const remember = useCallback(
    (index: number) => (prompt: string) => setPrompts((p) => (p[index] === prompt ? p : { ...p, [index]: prompt })),
    [],
  );
  if (!loop) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted">
        <Spinner /> Loading the fix loop…
      </p>
    );
  }
  const running = loop.status === "running";
  const cancel = async () => {
    setCanceling(true);
    try {
      await cancelFixLoop(loop.id);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setCanceling(false);
    }
  };

  return (
    <section aria-label="Fix loop" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <p role="status" className="flex items-center gap-2 text-sm font-medium">
          {running ? <Spinner /> : null}
          {fixLoopStatus(loop)}
        </p>
        {running ? (
          <button type="button" className="btn btn-sm" onClick={cancel} disabled={canceling}>
            Cancel
          </button>
        ) : null}
      </div>
      {error ? <ErrorAlert error={error} action="Cancel" /> : null}
      <ol className="flex flex-wrap gap-3">
        <FixRoundCard
          label="Start"
          imageId={loop.imageId}
          score={startScore}
          previousPrompt={null}
          best={loop.bestImageId === loop.imageId}
          onPrompt={remember(0)}
        />
        {loop.rounds.map((round, i) => (
          <FixRoundCard
            key={round.versionId}
            label={`Round ${i + 1}`}
            imageId={round.imageId}
            score={round.score}
            previousPrompt={prompts[i] ?? null}
            best={round.imageId !== null && loop.bestImageId === round.imageId}
            onPrompt={remember(i + 1)}
          />
        ))}
      </ol>
    </section>
  );
}
