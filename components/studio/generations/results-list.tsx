"use client";

import { useEffect, useId, useRef } from "react";
import { useConnection } from "@/components/connection/use-connection";
import type { ShownError } from "@/lib/client/api-error";
import type { CatalogJudge } from "@/lib/schemas/catalog";
import { GenerationCard } from "./generation-card";
import type { GenerationView } from "../studio-state";

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
