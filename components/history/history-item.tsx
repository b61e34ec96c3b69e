"use client";

import { useId } from "react";
import { imageUrls } from "@/lib/client/api";
import { firstLine } from "@/lib/client/format";
import { sourceLabel } from "@/lib/client/versions";
import type { Image, LibraryEntry, PromptVersion } from "@/lib/schemas/entities";
import { RelativeTime } from "./relative-time";
import { StarMarker } from "./star-marker";
import { SelectVersionCheckbox } from "./select-version-checkbox";

type Props = {
  version: PromptVersion;
  number: number;
  parentNumber: number | undefined;
  current: boolean;
  images: Image[];
  entry: LibraryEntry | undefined;
  selected: boolean;
  /** No more can be selected (four are); a selected one can still be cleared. */
  selectionFull: boolean;
  disabled: boolean;
  onSelect: (id: string) => void;
  onToggleSelected: (id: string, on: boolean) => void;
};

const MAX_THUMBS = 4;

/**
 * One node of the studio's version tree: a "Select vN" checkbox (for comparing) beside a
 * button named "Load vN", described by its source, direction, instruction and time; small
 * thumbnails of what it made sit under it.
 */
export function HistoryItem(p: Props) {
  const v = p.version;
  const detailsId = useId();
  const shown = p.images.slice(0, MAX_THUMBS);
  return (
    <div
      className={`min-w-0 rounded-lg border transition-colors ${
        p.current ? "border-accent bg-accent-soft/50" : "border-line bg-surface hover:border-line-strong"
      }`}
    >
      <div className="flex items-start">
        <SelectVersionCheckbox
          versionId={v.id}
          number={p.number}
          selected={p.selected}
          selectionFull={p.selectionFull}
          onToggleSelected={p.onToggleSelected}
          labelClassName="flex shrink-0 cursor-pointer items-center self-stretch py-2.5 pr-1 pl-2.5"
        />
        <button
          type="button"
          data-tree-node=""
          aria-label={`Load v${p.number}`}
          aria-describedby={detailsId}
          aria-current={p.current || undefined}
          disabled={p.disabled}
          onClick={() => p.onSelect(v.id)}
          className="min-w-0 flex-1 rounded-lg py-2.5 pr-3 pl-1.5 text-left"
        >
          <span id={detailsId} className="block min-w-0">
            <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm">
              <strong className="font-semibold">v{p.number}</strong>
              <span className="text-muted">
                {sourceLabel(v)}
                {p.parentNumber ? ` from v${p.parentNumber}` : ""}
              </span>
              <StarMarker entry={p.entry} />
              {v.approvedAt ? <span className="chip border-success/50 text-success">Approved</span> : null}
              {p.current ? <span className="chip ml-auto border-accent/50 text-accent-soft-ink">Current</span> : null}
            </span>
            {v.direction ? (
              <span className="mt-1 block text-xs font-medium text-accent-soft-ink">{v.direction}</span>
            ) : null}
            {v.instruction ? (
              <span className="mt-1 block text-sm [overflow-wrap:anywhere] text-ink">“{v.instruction}”</span>
            ) : (
              <span className="mt-1 line-clamp-2 text-xs [overflow-wrap:anywhere] text-muted">
                {firstLine(v.prompt, 160)}
              </span>
            )}
            <span className="mt-1 block text-xs text-muted">
              <RelativeTime iso={v.createdAt} />
            </span>
          </span>
        </button>
      </div>
      {shown.length ? (
        <div className="flex flex-wrap gap-1.5 px-2.5 pb-2.5" aria-hidden="true">
          {shown.map((img) => (
            // biome-ignore lint/performance/noImgElement: small thumbnails from our own API
            <img
              key={img.id}
              src={imageUrls.thumb(img.id, img.contentHash)}
              width={img.width}
              height={img.height}
              alt=""
              loading="lazy"
              decoding="async"
              className="size-10 rounded-md border border-line object-cover"
            />
          ))}
          {p.images.length > MAX_THUMBS ? (
            <span className="flex size-10 items-center justify-center rounded-md border border-line text-xs text-muted">
              +{p.images.length - MAX_THUMBS}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
