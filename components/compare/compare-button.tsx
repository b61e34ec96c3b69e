"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Spinner } from "@/components/ui/spinner";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { compareVersions, comparisonUrl } from "@/lib/client/compare";

type Props = {
  /** The idea the versions belong to (the server checks they share one). */
  ideaId: string;
  versionIds: string[];
  backend: string;
  /** The studio's parameters; the image count is dropped (one image per cell). */
  params?: Record<string, unknown>;
};

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 4;

/** Why comparing is not possible yet, in words; null when it is. */
export function compareBlocker(count: number): string | null {
  if (count < MIN_COMPARE) {
    return count === 0 ? "Select 2 to 4 versions to compare." : "Select at least one more version to compare.";
  }
  if (count > MAX_COMPARE) return `At most ${MAX_COMPARE} versions at once: ${count} are selected.`;
  return null;
}

/**
 * "Compare images": renders the selected versions with one seed and the same parameters,
 * then opens the comparison. Disabled, with the reason beside it, unless 2–4 are selected.
 */
export function CompareButton({ ideaId, versionIds, backend, params }: Props) {
  const router = useRouter();
  const reasonId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const blocker = compareBlocker(versionIds.length);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const comparison = await compareVersions(versionIds, backend, params);
      router.push(comparisonUrl(comparison.id));
    } catch (e) {
      setError(toShownError(e));
      setBusy(false);
    }
  };

  return (
    <div className="flex min-w-0 flex-col items-start gap-2" data-idea={ideaId}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={blocker !== null || busy}
          aria-describedby={reasonId}
          aria-busy={busy || undefined}
          onClick={start}
        >
          {busy ? <Spinner /> : null}
          Compare images
        </button>
        <p id={reasonId} className="text-sm text-muted">
          {busy ? "Starting the comparison…" : (blocker ?? `${versionIds.length} versions, one seed, side by side.`)}
        </p>
      </div>
      {error ? <ErrorAlert error={error} action="Compare failed" /> : null}
    </div>
  );
}
