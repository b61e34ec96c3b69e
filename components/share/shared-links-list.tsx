"use client";

import Link from "next/link";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorAlert } from "@/components/ui/error-alert";
import { LocalTime } from "@/components/ui/local-time";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { revokeShare, shareStatus } from "@/lib/client/shares";
import type { Share, ShareTarget } from "@/lib/schemas/shares";
import { ShareStatusBadge } from "./share-status-badge";

/** Where the owner opens what a link names. */
export function targetHref(target: ShareTarget): string {
  const id = encodeURIComponent(target.id);
  if (target.kind === "idea") return `/ideas/${id}`;
  if (target.kind === "comparison") return `/compare/${id}`;
  return `/images/${id}`;
}

/**
 * The owner's share links: what each names, when it was made, its expiry, feedback on or off,
 * its state, and Revoke (asked first). Revoking updates the row in place; `onChange` hears it.
 */
export function SharedLinksList({
  shares,
  linkTargets = false,
  onChange,
}: {
  shares: Share[];
  /** Make what each link names a link to it (the all-links page). */
  linkTargets?: boolean;
  onChange?: (shares: Share[]) => void;
}) {
  const [items, setItems] = useState(shares);
  const [asking, setAsking] = useState<Share | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  // Follows a new list from the parent (a reload after a new link), keeping local revokes otherwise.
  const [from, setFrom] = useState(shares);
  if (from !== shares) {
    setFrom(shares);
    setItems(shares);
  }

  const revoke = async () => {
    if (!asking) return;
    setBusy(true);
    setError(null);
    try {
      await revokeShare(asking.id);
      const at = new Date().toISOString();
      const next = items.map((s) => (s.id === asking.id ? { ...s, revokedAt: s.revokedAt ?? at } : s));
      setItems(next);
      onChange?.(next);
      setAsking(null);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ul className="divide-y divide-line rounded-xl border border-line bg-surface">
        {items.map((share) => {
          const status = shareStatus(share);
          return (
            <li key={share.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
              <div className="min-w-0 flex-1 basis-64 space-y-1">
                <p className="font-medium [overflow-wrap:anywhere]">
                  {linkTargets ? (
                    <Link href={targetHref(share.target)} className="text-ink no-underline hover:underline">
                      {share.label}
                    </Link>
                  ) : (
                    share.label
                  )}
                </p>
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted">
                  <ShareStatusBadge status={status} />
                  <span>
                    made <LocalTime iso={share.createdAt} />
                  </span>
                  <span aria-hidden="true">·</span>
                  <span>
                    {share.expiresAt ? (
                      <>
                        {status === "expired" ? "expired" : "expires"} <LocalTime iso={share.expiresAt} />
                      </>
                    ) : (
                      "never expires"
                    )}
                  </span>
                  <span aria-hidden="true">·</span>
                  <span>feedback {share.feedback ? "on" : "off"}</span>
                </p>
              </div>
              {status === "revoked" ? null : (
                <button
                  type="button"
                  className="btn btn-danger btn-sm"
                  aria-label={`Revoke link: ${share.label}`}
                  onClick={() => {
                    setError(null);
                    setAsking(share);
                  }}
                >
                  Revoke
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={asking !== null}
        title="Revoke this link?"
        confirmLabel="Revoke link"
        busy={busy}
        busyLabel="Revoking…"
        error={error ? <ErrorAlert error={error} action="Not revoked" /> : null}
        onConfirm={revoke}
        onCancel={() => {
          setAsking(null);
          setError(null);
        }}
      >
        Anyone who opens it will see “This link does not work”. A revoked link cannot be turned back on; you can make a
        new one.
      </ConfirmDialog>
    </>
  );
}
