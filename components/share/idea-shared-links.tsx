"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { listShares, SHARES_CHANGED_EVENT } from "@/lib/client/shares";
import type { Share } from "@/lib/schemas/shares";
import { SharedLinksList } from "./shared-links-list";

/**
 * The idea page's Shared links: the links to this idea and to its comparisons and images (each
 * share names its idea), loaded from GET /api/shares and again whenever a Share dialog on the
 * page makes a new one.
 */
export function IdeaSharedLinks({ ideaId }: { ideaId: string }) {
  const [shares, setShares] = useState<Share[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const all = await listShares(undefined, signal);
        setShares(all.filter((s) => s.ideaId === ideaId));
        setError(null);
      } catch (e) {
        if (signal?.aborted) return;
        setError(toShownError(e));
      }
    },
    [ideaId],
  );

  useEffect(() => {
    const ctrl = new AbortController();
    void load(ctrl.signal);
    const again = () => void load();
    window.addEventListener(SHARES_CHANGED_EVENT, again);
    return () => {
      ctrl.abort();
      window.removeEventListener(SHARES_CHANGED_EVENT, again);
    };
  }, [load]);

  return (
    <div className="space-y-3">
      {error ? <ErrorAlert error={error} action="Could not load the shared links" /> : null}
      {shares === null && !error ? <p className="text-sm text-muted">Loading shared links…</p> : null}
      {shares && shares.length === 0 ? (
        <p className="text-sm text-muted">
          No links yet. <strong className="font-semibold text-ink">Share</strong> makes a read-only link to this idea
          that works without the password.
        </p>
      ) : null}
      {shares && shares.length > 0 ? <SharedLinksList shares={shares} /> : null}
      <p className="text-sm">
        <Link href="/shares" className="link">
          All shared links
        </Link>
      </p>
    </div>
  );
}
