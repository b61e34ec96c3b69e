"use client";

import Link from "next/link";
import { ImagePlaceholder } from "@/components/studio/generations/image-placeholder";
import { OfflineBadge } from "@/components/ui/offline-badge";
import { imageUrls } from "@/lib/client/api";
import { backendLabel, formatPercent, generationStatusText, isOfflineBackend, sizeOf } from "@/lib/client/format";
import type { ComparisonCell as Cell, GenerationWithImages } from "@/lib/schemas/entities";
import { useFollowedGeneration } from "./use-followed-generation";

type Props = {
  cell: Cell;
  generation: GenerationWithImages;
  /** The prompt the cell renders, for the image's alt text. */
  prompt: string;
  size: string;
};

/** One cell of the grid: its label, the image (or where it will be, with status in words), its seed. */
export function ComparisonCell({ cell, generation, prompt, size }: Props) {
  const g = useFollowedGeneration(generation);
  const image = g.images[0];
  const active = g.status === "queued" || g.status === "running";
  const status = generationStatusText(g);
  const { width, height } = image ?? sizeOf(size);
  const headingId = `cell-${cell.position}`;

  return (
    <li className="min-w-0">
      <article aria-labelledby={headingId} aria-busy={active || undefined} className="flex h-full flex-col gap-2">
        <header className="flex min-w-0 flex-wrap items-baseline gap-x-2 gap-y-1">
          <h3 id={headingId} className="min-w-0 text-sm font-semibold [overflow-wrap:anywhere]">
            {cell.label}
          </h3>
          {/* The label names the backend when versions are compared; say it only where it does not. */}
          {cell.label.includes(backendLabel(g.backend)) ? null : isOfflineBackend(g.backend) ? (
            <OfflineBadge />
          ) : (
            <span className="text-xs text-muted">{backendLabel(g.backend)}</span>
          )}
        </header>

        {image ? (
          <Link
            href={imageUrls.page(image.id)}
            className="block overflow-hidden rounded-lg border border-line bg-surface-2"
          >
            {/* biome-ignore lint/performance/noImgElement: our own API's images with known sizes */}
            <img
              src={imageUrls.file(image.id)}
              width={image.width}
              height={image.height}
              alt={image.prompt || prompt}
              decoding="async"
              className="block h-auto w-full animate-fade-in"
            />
          </Link>
        ) : g.status === "failed" || g.status === "canceled" ? (
          <div
            className="flex items-center justify-center rounded-lg border border-danger/40 bg-danger-soft p-3 text-center"
            style={{ aspectRatio: `${width} / ${height}` }}
          >
            <p role="alert" className="text-sm font-medium text-danger [overflow-wrap:anywhere]">
              {status}
            </p>
          </div>
        ) : (
          <ImagePlaceholder width={width} height={height} label={status} />
        )}

        {active ? (
          <div className="space-y-1">
            {/* The placeholder shows the status to the eye; this says it to a screen reader. */}
            <p className="sr-only">{status}</p>
            <div
              role="progressbar"
              aria-label={`${cell.label}: progress`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(g.progress * 100)}
              aria-valuetext={status}
              className="h-1 overflow-hidden rounded-full bg-surface-2"
            >
              <div
                className="h-full rounded-full bg-accent transition-[width] duration-300"
                style={{ width: formatPercent(g.progress) }}
              />
            </div>
          </div>
        ) : null}

        {image ? (
          <p className="text-sm text-muted">
            {image.seed != null ? (
              <>
                Seed <span className="font-mono text-ink tabular-nums">{image.seed}</span>
              </>
            ) : (
              "No seed recorded (the backend did not report one)"
            )}
          </p>
        ) : null}
      </article>
    </li>
  );
}
