"use client";

import Link from "next/link";
import { useId } from "react";
import type { Image, PromptVersion } from "@/lib/schemas/entities";
import { HistoryItem } from "./history-item";

type Props = {
  versions: PromptVersion[];
  numbers: Map<string, number>;
  currentId: string | null;
  imagesByVersion: Map<string, Image[]>;
  disabled: boolean;
  ideaHref: string | null;
  onSelect: (id: string) => void;
};

/** The idea's versions, newest first; choosing one loads it into the Prompt. */
export function HistoryPanel({ versions, numbers, currentId, imagesByVersion, disabled, ideaHref, onSelect }: Props) {
  const headingId = useId();
  const newestFirst = [...versions].reverse();
  return (
    <section aria-labelledby={headingId} className="min-w-0">
      <div className="mb-3 flex items-baseline justify-between gap-2">
        <h2 id={headingId} className="eyebrow">
          History
        </h2>
        {ideaHref ? (
          <Link href={ideaHref} className="link text-xs">
            Version tree
          </Link>
        ) : null}
      </div>
      {newestFirst.length ? (
        <ol className="space-y-2">
          {newestFirst.map((v) => {
            const n = numbers.get(v.id) ?? 0;
            return (
              <HistoryItem
                key={v.id}
                version={v}
                number={n}
                parentNumber={v.parentId ? numbers.get(v.parentId) : undefined}
                current={v.id === currentId}
                images={imagesByVersion.get(v.id) ?? []}
                disabled={disabled}
                onSelect={onSelect}
              />
            );
          })}
        </ol>
      ) : (
        <p className="text-sm text-muted">Every refinement and edit is kept here. Choose one to load it again.</p>
      )}
    </section>
  );
}
