"use client";

import { useEffect, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { getFixLoop, startFixLoop } from "@/lib/client/fix-loops";
import type { FixLoop } from "@/lib/schemas/checks";
import dynamic from "next/dynamic";

// The loop's view (rounds, word diffs, image details) is wanted only once a loop exists: it loads
// then, not with the Studio (issue 12: first-load JS).
const FixLoopView = dynamic(() => import("./fix-loop-view").then((m) => m.FixLoopView), {
  loading: () => <p className="text-sm text-muted">Loading the loop…</p>,
});

/** The URL names the loop being watched (?fix=<id>), so a reload finds it again. */
const PARAM = "fix";

/**
 * **Fix misses**: starts a fix loop on the server for a checked image with misses, then shows
 * its rounds. The loop runs on the server, so a reload does not stop it: the page finds it again
 * through ?fix=<id>, or through `latest` (the image page reads the image's latest loop).
 */
export function FixMissesButton({
  imageId,
  hasMisses,
  latest,
  startScore = null,
}: {
  imageId: string;
  hasMisses: boolean;
  latest?: FixLoop | null;
  /** The image's score before the loop, shown on its Start card. */
  startScore?: number | null;
}) {
  const [loop, setLoop] = useState<{ id: string; initial?: FixLoop } | null>(
    latest && latest.imageId === imageId ? { id: latest.id, initial: latest } : null,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  useEffect(() => {
    if (loop) return;
    const id = new URLSearchParams(window.location.search).get(PARAM);
    if (!id) return;
    const abort = new AbortController();
    void getFixLoop(id, abort.signal)
      .then((found) => {
        if (found.imageId === imageId) setLoop({ id: found.id, initial: found });
      })
      .catch(() => undefined);
    return () => abort.abort();
  }, [imageId, loop]);

  if (!hasMisses && !loop) return null;

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const started = await startFixLoop(imageId);
      setLoop({ id: started.id, initial: started });
      const url = new URL(window.location.href);
      url.searchParams.set(PARAM, started.id);
      window.history.replaceState(window.history.state, "", url);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-col gap-2">
      {loop ? (
        <FixLoopView loopId={loop.id} initial={loop.initial} startScore={startScore} />
      ) : (
        <button type="button" className="btn btn-primary btn-sm self-start" onClick={start} disabled={busy}>
          Fix misses
        </button>
      )}
      {error ? <ErrorAlert error={error} action="Fix misses" /> : null}
    </div>
  );
}
