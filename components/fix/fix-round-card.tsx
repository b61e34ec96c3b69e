"use client";

import { useEffect, useState } from "react";
import { wordDiff } from "@/lib/diff/word-diff";
import { imageUrls } from "@/lib/client/api";
import { getImageDetail } from "@/lib/client/fix-loops";
import { scoreText } from "@/lib/client/fix-loop-status";
import { announceVersion } from "@/lib/client/version-events";
import { WordDiffText } from "@/components/diff/word-diff-text";

type Detail = Awaited<ReturnType<typeof getImageDetail>>;

/** One image of the loop: the start or a round, with its score and what its prompt changed. */
export function FixRoundCard({
  label,
  imageId,
  score,
  previousPrompt,
  best,
  onPrompt,
}: {
  label: string;
  imageId: string | null;
  score: number | null;
  /** The prompt of the round before, to diff against; none for the start. */
  previousPrompt: string | null;
  best: boolean;
  onPrompt?: (prompt: string) => void;
}) {
  const detail = useImageDetail(imageId, score);
  const prompt = detail?.version.prompt;
  useEffect(() => {
    if (prompt) onPrompt?.(prompt);
  }, [prompt, onPrompt]);
  // A round's version was made on the server: the Studio's History learns of it here.
  const version = detail?.version;
  useEffect(() => {
    if (version && previousPrompt !== null) announceVersion(version);
  }, [version, previousPrompt]);
  const items = detail?.check?.items.length;
  // The start image's score is its receipt's; a round's is the loop's (the image's check says the same once read).
  const shown = score ?? detail?.check?.score ?? null;
  return (
    <li
      className={`flex w-full min-w-0 flex-col gap-2 rounded-lg border p-2 sm:w-56 ${best ? "border-accent" : "border-line"}`}
    >
      <p className="flex items-baseline justify-between gap-2 text-sm font-semibold">
        <span>{label}</span>
        {best ? <span className="rounded bg-accent px-1.5 text-xs text-accent-ink">Best</span> : null}
      </p>
      {imageId && detail ? (
        <a href={`/images/${encodeURIComponent(imageId)}`}>
          {/* biome-ignore lint/performance/noImgElement: thumbnails from our own API, sized by the card */}
          <img src={imageUrls.thumb(imageId)} alt={detail.version.prompt} className="w-full rounded" />
        </a>
      ) : (
        <div className="flex aspect-square w-full items-center justify-center rounded bg-surface text-xs text-muted">
          {imageId ? "Loading…" : "Generating…"}
        </div>
      )}
      <p className="text-sm">{shown === null ? "Not checked yet" : `Score: ${scoreText(shown, items)}`}</p>
      {prompt && previousPrompt !== null ? (
        <p className="break-words text-xs">
          <WordDiffText segments={wordDiff(previousPrompt, prompt)} />
        </p>
      ) : null}
    </li>
  );
}

/** Read again once the round is scored, for its check's item count. */
function useImageDetail(imageId: string | null, score: number | null): Detail | null {
  const [detail, setDetail] = useState<Detail | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: score is the re-read's trigger (its check's item count)
  useEffect(() => {
    if (!imageId) return;
    const abort = new AbortController();
    void getImageDetail(imageId, abort.signal)
      .then(setDetail)
      .catch(() => undefined);
    return () => abort.abort();
  }, [imageId, score]);
  return detail;
}
