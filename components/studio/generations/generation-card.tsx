"use client";

import { useId, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { ResultReceipt } from "@/components/receipt/result-receipt";
import { OfflineBadge } from "@/components/ui/offline-badge";
import { Spinner } from "@/components/ui/spinner";
import type { ShownError } from "@/lib/client/api-error";
import {
  backendLabel,
  formatDuration,
  formatPercent,
  formatSize,
  generationStatusText,
  isOfflineBackend,
  sizeOf,
} from "@/lib/client/format";
import { canRetry } from "@/lib/client/retry-generation";
import type { CatalogJudge } from "@/lib/schemas/catalog";
import { ImagePlaceholder } from "./image-placeholder";
import { useLivePreview } from "./live-previews";
import { ResultImage } from "./result-image";
import type { GenerationView } from "../studio-state";

type Props = {
  generation: GenerationView;
  versionNumber: number | undefined;
  defaultSize: string;
  onCancel: (id: string) => Promise<ShownError | null>;
  /** Starts the same version, backend and parameters again (a new generation). */
  onRetry?: (g: GenerationView) => Promise<ShownError | null>;
  /** The server cannot be reached: nothing on this card is live until it answers. */
  connectionLost?: boolean;
  /** This card's stream broke and the server has not spoken of it since. */
  stale?: boolean;
  /** The catalog's judge: each image gets its receipt (issue 11); undefined: no receipts (older callers). */
  judge?: CatalogJudge | null;
};

/** What a running card says instead of its progress while it cannot know it. */
export const CONNECTION_LOST_TEXT = "Connection lost — waiting for the server";
const CHECKING_TEXT = "Checking with the server…";

/** One generation: its recipe line, status in words, placeholders while it runs, then its images. */
export function GenerationCard({
  generation: g,
  versionNumber,
  defaultSize,
  onCancel,
  onRetry,
  connectionLost = false,
  stale = false,
  judge,
}: Props) {
  const [canceling, setCanceling] = useState(false);
  const [cancelError, setCancelError] = useState<ShownError | null>(null);
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<ShownError | null>(null);
  const statusId = useId();
  const active = g.status === "queued" || g.status === "running";
  // While the server cannot be reached, the last progress heard is not live: do not show it as if it were.
  const cutOff = active && (connectionLost || stale);
  const size = g.params.size ?? defaultSize;
  const { width, height } = sizeOf(size);
  const wanted = g.params.n ?? 1;
  const pending = active ? Math.max(0, wanted - g.images.length) : 0;
  const offline = isOfflineBackend(g.backend);
  const status = cutOff ? (connectionLost ? CONNECTION_LOST_TEXT : CHECKING_TEXT) : generationStatusText(g);
  const retryable = !!onRetry && canRetry(g);
  // An error that only said "could not be reached" is stale once the server answers again.
  const shownCancelError = cancelError?.code === "network" && !connectionLost ? null : cancelError;
  const shownRetryError = retryError?.code === "network" && !connectionLost ? null : retryError;
  const many = Math.max(wanted, g.images.length) > 1;
  // The backend's latest live frame goes in the first image still to come; gone once it ends.
  const frame = useLivePreview(g.id);
  const preview =
    frame && active && !cutOff ? { url: frame, label: `Preview, ${formatPercent(g.progress)}` } : undefined;
  // Tall images should not push everything else off the screen: cap each tile's height.
  const cap = { maxWidth: `calc(${many ? 48 : 68}vh * ${width / Math.max(1, height)})` };

  return (
    <article className="card animate-fade-in p-3 sm:p-4" aria-busy={active || undefined}>
      {/* The recipe line wraps only between its parts (a "·" stays with the part it leads) and never
          shrinks below 16rem: a long status moves to a row of its own instead of squeezing it. */}
      <header className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-2">
        <p className="flex min-w-0 flex-[1_1_16rem] flex-wrap items-center gap-x-1.5 gap-y-1 text-xs text-muted">
          {versionNumber ? <span className="chip">v{versionNumber}</span> : null}
          <span className="whitespace-nowrap">{formatSize(size)}</span>
          <span className="inline-flex min-w-0 items-center gap-1.5">
            <span aria-hidden="true">·</span>
            {offline ? <OfflineBadge /> : <span>{backendLabel(g.backend)}</span>}
          </span>
          {g.params.seed != null ? (
            <span className="whitespace-nowrap">
              <span aria-hidden="true">· </span>seed {g.params.seed}
            </span>
          ) : null}
        </p>
        <div className="flex min-w-0 max-w-full items-center gap-3 empty:hidden max-sm:w-full max-sm:justify-between sm:ms-auto">
          {g.status === "failed" ? null : (
            <p
              id={statusId}
              className={`flex min-w-0 items-center gap-1.5 text-sm font-medium ${
                g.status === "canceled" ? "text-muted" : cutOff && connectionLost ? "text-warning" : "text-ink"
              }`}
            >
              {active && !cutOff ? <Spinner className="text-accent" /> : null}
              {status}
            </p>
          )}
          {active ? (
            <button
              type="button"
              className="btn btn-secondary btn-sm"
              // A cancel cannot reach a server that is gone; the card says why it is off.
              disabled={canceling || connectionLost}
              aria-describedby={connectionLost ? statusId : undefined}
              title={connectionLost ? "Cancel works again once the server answers." : undefined}
              onClick={async () => {
                setCanceling(true);
                setCancelError(await onCancel(g.id));
                setCanceling(false);
              }}
            >
              Cancel
            </button>
          ) : null}
          {retryable ? (
            <button
              type="button"
              className="btn btn-secondary btn-sm"
              disabled={retrying || connectionLost}
              title={connectionLost ? "Retry works again once the server answers." : undefined}
              onClick={async () => {
                setRetrying(true);
                setRetryError(null);
                setRetryError((await onRetry?.(g)) ?? null);
                setRetrying(false);
              }}
            >
              Retry
            </button>
          ) : null}
        </div>
      </header>

      {active ? (
        <div
          role="progressbar"
          aria-label="Generation progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(g.progress * 100)}
          aria-valuetext={status}
          className={`mb-3 h-1 overflow-hidden rounded-full bg-surface-2 ${cutOff ? "opacity-40" : ""}`}
        >
          <div
            className="h-full rounded-full bg-accent transition-[width] duration-300"
            style={{ width: formatPercent(g.progress) }}
          />
        </div>
      ) : null}

      {active && g.retry && !cutOff ? (
        <p className="mb-3 text-sm text-warning">
          Attempt {g.retry.attempt} failed ({g.retry.reason}); trying again in {formatDuration(g.retry.delayMs)}.
        </p>
      ) : null}
      {g.status === "failed" ? (
        <p
          role="alert"
          className="rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 text-sm font-medium text-danger"
        >
          {status}
        </p>
      ) : null}
      {shownCancelError ? <ErrorAlert error={shownCancelError} action="Cancel failed" className="mb-3" /> : null}
      {shownRetryError ? <ErrorAlert error={shownRetryError} action="Retry failed" className="mt-3" /> : null}

      {g.images.length || pending ? (
        <ul className={`grid ${many ? "grid-cols-2" : "grid-cols-1"} gap-2 sm:gap-3`}>
          {g.images.map((img) => (
            <li key={img.id} style={cap}>
              <ResultImage image={img} />
              {judge !== undefined ? <ResultReceipt imageId={img.id} createdAt={img.createdAt} judge={judge} /> : null}
            </li>
          ))}
          {Array.from({ length: pending }, (_, i) => (
            <li key={`pending-${i}`} style={cap}>
              <ImagePlaceholder width={width} height={height} label={status} preview={i === 0 ? preview : undefined} />
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
