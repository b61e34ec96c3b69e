"use client";

import dynamic from "next/dynamic";
import { Suspense, useEffect, useId, useRef } from "react";
import { useConnection } from "@/components/connection/use-connection";
import type { ShownError } from "@/lib/client/api-error";
import { sizeOf } from "@/lib/client/format";
import type { CatalogJudge } from "@/lib/schemas/catalog";
import { ImagePlaceholder } from "./image-placeholder";
import type { GenerationView } from "../studio-state";

/**
 * A result card (its receipt, Copy for…, Star and Fix misses) loads once there is a result, not
 * with the page (issue 12: first-load JS); a page opened on an idea with images renders them on
 * the server. Until the code is there, the card's place is its image's placeholder.
 */
const GenerationCard = dynamic(() => import("./generation-card").then((m) => m.GenerationCard));

export function preloadGenerationCard(): void {
  void import("./generation-card").catch(() => undefined);
}

/** The idea's generations under the prompt, newest first, as they arrive. */
export function ResultsList({
  generations,
  versionNumbers,
  defaultSize,
  onCancel,
  onRetry,
  stale,
  judge,
}: {
  generations: GenerationView[];
  versionNumbers: Map<string, number>;
  defaultSize: string;
  onCancel: (id: string) => Promise<ShownError | null>;
  /** Runs an ended generation again; its new card arrives at the top. */
  onRetry?: (g: GenerationView) => Promise<ShownError | null>;
  /** Generations whose stream broke and which have not heard from the server since. */
  stale?: ReadonlySet<string>;
  /** The catalog's judge, for each image's receipt (null: JUDGE=off). */
  judge?: CatalogJudge | null;
}) {
  const connectionLost = useConnection().status === "lost";
  const headingId = useId();
  const newest = useRef<HTMLLIElement>(null);
  const newestId = generations[0]?.id;
  const seen = useRef(newestId);

  // A new generation scrolls into view (only as far as needed), so its placeholder is seen filling in.
  useEffect(() => {
    if (!newestId || newestId === seen.current) return;
    seen.current = newestId;
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    newest.current?.scrollIntoView?.({ block: "nearest", behavior: reduce ? "auto" : "smooth" });
  }, [newestId]);
  return (
    <section aria-labelledby={headingId} className="min-w-0">
      <h2 id={headingId} className="eyebrow mb-3">
        Results
      </h2>
      {generations.length ? (
        <ol className="space-y-4">
          {generations.map((g, i) => (
            <li key={g.id} ref={i === 0 ? newest : undefined} className="scroll-mt-20">
              <Suspense fallback={<CardFallback size={g.params.size ?? defaultSize} />}>
                <GenerationCard
                  generation={g}
                  versionNumber={versionNumbers.get(g.promptId)}
                  defaultSize={defaultSize}
                  onCancel={onCancel}
                  onRetry={onRetry}
                  connectionLost={connectionLost}
                  stale={stale?.has(g.id) ?? false}
                  judge={judge}
                />
              </Suspense>
            </li>
          ))}
        </ol>
      ) : (
        <p className="rounded-xl border border-dashed border-line-strong/60 px-4 py-8 text-center text-sm text-muted">
          Images appear here, newest first, as soon as they are made.
        </p>
      )}
    </section>
  );
}

/** The card's frame and its image's place, capped as the card caps it, while its code loads. */
function CardFallback({ size }: { size: string }) {
  const { width, height } = sizeOf(size);
  return (
    <div className="card p-3 sm:p-4">
      <div className="mb-3 h-6" />
      <div style={{ maxWidth: `calc(68vh * ${width / Math.max(1, height)})` }}>
        <ImagePlaceholder width={width} height={height} label="Loading…" />
      </div>
    </div>
  );
}
