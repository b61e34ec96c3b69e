"use client";

import Link from "next/link";
import { useState } from "react";
import { PART_LABELS } from "@/components/anatomy/part-labels";
import { ChecklistItems } from "@/components/checks/checklist-items";
import { ChangesFromParent } from "@/components/diff/changes-from-parent";
import { ApproveToggle } from "@/components/feedback/approve-toggle";
import { OfflineBadge } from "@/components/ui/offline-badge";
import { imageUrls } from "@/lib/client/api";
import { generationStatusText, isOfflineBackend } from "@/lib/client/format";
import { sourceLabel } from "@/lib/client/versions";
import type { GenerationWithImages, LibraryEntry, PromptVersion } from "@/lib/schemas/entities";
import { RelativeTime } from "./relative-time";
import { StarMarker } from "./star-marker";
import { SelectVersionCheckbox } from "./select-version-checkbox";

type Props = {
  version: PromptVersion;
  number: number;
  parent: PromptVersion | undefined;
  parentNumber: number | undefined;
  ideaId: string;
  generations: GenerationWithImages[];
  entry: LibraryEntry | undefined;
  /** The version the studio opens for this idea (its newest). */
  latest: boolean;
  selected: boolean;
  selectionFull: boolean;
  onToggleSelected: (id: string, on: boolean) => void;
};

/** One version on the idea page: what it says, how it came to be, what it made, and a way into the studio. */
export function VersionNode(p: Props) {
  const v = p.version;
  const [showChanges, setShowChanges] = useState(false);
  const images = p.generations.flatMap((g) => g.images);
  const unfinished = p.generations.filter((g) => g.status !== "succeeded");
  const headingId = `version-${v.id}`;

  return (
    <article
      aria-labelledby={headingId}
      aria-current={p.latest || undefined}
      className={`card min-w-0 p-4 ${p.latest ? "border-accent" : ""}`}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <SelectVersionCheckbox
          versionId={v.id}
          number={p.number}
          selected={p.selected}
          selectionFull={p.selectionFull}
          onToggleSelected={p.onToggleSelected}
        />
        <h3 id={headingId} className="text-base font-semibold">
          v{p.number}
        </h3>
        <span className="chip">{sourceLabel(v)}</span>
        {v.direction ? <span className="chip border-accent/50 text-accent-soft-ink">{v.direction}</span> : null}
        <StarMarker entry={p.entry} />
        {p.parentNumber ? <span className="text-sm text-muted">from v{p.parentNumber}</span> : null}
        <span className="text-sm text-muted">
          <RelativeTime iso={v.createdAt} />
        </span>
        {p.latest ? <span className="chip border-accent/50 text-accent-soft-ink">Latest</span> : null}
        <ApproveToggle versionId={v.id} number={p.number} approvedAt={v.approvedAt ?? null} />
        <Link
          data-tree-node=""
          href={`/?idea=${encodeURIComponent(p.ideaId)}&version=${encodeURIComponent(v.id)}`}
          className="link ml-auto text-sm"
          aria-label={`Open in studio: v${p.number}`}
        >
          Open in studio
        </Link>
      </header>
      {v.instruction ? <p className="mt-2 text-sm [overflow-wrap:anywhere]">“{v.instruction}”</p> : null}
      <p className="mt-2 text-[0.9375rem] leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">{v.prompt}</p>
      {v.negativePrompt ? (
        <p className="mt-2 text-sm text-muted [overflow-wrap:anywhere]">
          <span className="font-medium text-ink">Negative: </span>
          {v.negativePrompt}
        </p>
      ) : null}
      {v.locks.length ? (
        <p className="mt-2 text-xs text-muted">
          <span className="font-medium text-ink">Locked: </span>
          {v.locks.map((n) => PART_LABELS[n]).join(", ")}
        </p>
      ) : null}
      {v.checks.length ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-muted">Checklist ({v.checks.length})</summary>
          <div className="mt-1.5">
            <ChecklistItems checks={v.checks} />
          </div>
        </details>
      ) : null}
      {p.parent && p.parentNumber ? (
        <div className="mt-3">
          <ChangesFromParent
            version={v}
            parent={p.parent}
            parentNumber={p.parentNumber}
            open={showChanges}
            onToggle={setShowChanges}
          />
        </div>
      ) : null}
      {images.length ? (
        <ul className="mt-3 flex flex-wrap gap-2">
          {images.map((img) => (
            <li key={img.id}>
              <Link
                href={imageUrls.page(img.id)}
                className="relative block overflow-hidden rounded-md border border-line"
              >
                {/* biome-ignore lint/performance/noImgElement: thumbnails from our own API with known sizes */}
                <img
                  src={imageUrls.thumb(img.id, img.contentHash)}
                  width={img.width}
                  height={img.height}
                  alt={img.prompt}
                  loading="lazy"
                  decoding="async"
                  className="block h-24 w-auto sm:h-28"
                />
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {images.some((img) => isOfflineBackend(img.backend)) ? (
        <p className="mt-1.5">
          <OfflineBadge />
        </p>
      ) : null}
      {unfinished.length ? (
        <ul className="mt-2 space-y-0.5 text-xs text-muted">
          {unfinished.map((g) => (
            <li key={g.id}>{generationStatusText(g)}</li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
