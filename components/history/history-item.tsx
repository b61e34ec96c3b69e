"use client";

import { useId } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { imageUrls } from "@/lib/client/api";
import { firstLine } from "@/lib/client/format";
import { sourceLabel } from "@/lib/client/versions";
import type { Image, PromptVersion } from "@/lib/schemas/entities";

type Props = {
  version: PromptVersion;
  number: number;
  parentNumber: number | undefined;
  current: boolean;
  images: Image[];
  disabled: boolean;
  onSelect: (id: string) => void;
};

const MAX_THUMBS = 4;

/**
 * One version: a button named "Load vN" (short, unambiguous), described by its source,
 * instruction and time; small thumbnails of what it made sit beside it.
 */
export function HistoryItem({ version: v, number, parentNumber, current, images, disabled, onSelect }: Props) {
  const detailsId = useId();
  const shown = images.slice(0, MAX_THUMBS);
  return (
    <li>
      <button
        type="button"
        aria-label={`Load v${number}`}
        aria-describedby={detailsId}
        aria-current={current || undefined}
        disabled={disabled}
        onClick={() => onSelect(v.id)}
        className={`w-full rounded-lg border px-3 py-2.5 text-left transition-colors ${
          current
            ? "border-accent bg-accent-soft/50"
            : "border-line bg-surface hover:border-line-strong hover:bg-surface-2"
        }`}
      >
        <span id={detailsId} className="block">
          <span className="flex items-center gap-2 text-sm">
            <strong className="font-semibold">v{number}</strong>
            <span className="text-muted">
              {sourceLabel(v)}
              {parentNumber ? ` from v${parentNumber}` : ""}
            </span>
            {current ? <span className="chip ml-auto border-accent/50 text-accent-soft-ink">Current</span> : null}
          </span>
          {v.instruction ? (
            <span className="mt-1 block text-sm text-ink">“{v.instruction}”</span>
          ) : (
            <span className="mt-1 line-clamp-2 block text-xs text-muted">{firstLine(v.prompt, 160)}</span>
          )}
          <span className="mt-1 block text-xs text-muted">
            <LocalTime iso={v.createdAt} />
          </span>
        </span>
      </button>
      {shown.length ? (
        <div className="mt-1.5 flex gap-1.5 px-1" aria-hidden="true">
          {shown.map((img) => (
            // biome-ignore lint/performance/noImgElement: small thumbnails from our own API
            <img
              key={img.id}
              src={imageUrls.thumb(img.id)}
              width={img.width}
              height={img.height}
              alt=""
              loading="lazy"
              decoding="async"
              className="size-10 rounded-md border border-line object-cover"
            />
          ))}
          {images.length > MAX_THUMBS ? (
            <span className="flex size-10 items-center justify-center rounded-md border border-line text-xs text-muted">
              +{images.length - MAX_THUMBS}
            </span>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
