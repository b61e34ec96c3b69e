"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { setApproval } from "@/lib/client/feedback";
import { formatDateTime } from "@/lib/client/format";

/**
 * The owner's Approve toggle for one version (aria-pressed; named "Approve version N"), with an
 * "Approved" badge while it holds. The approval goes into the recipe of the version's images too
 * (their PNG downloads and recipe files), so it is said here.
 */
export function ApproveToggle({
  versionId,
  number,
  approvedAt: initial,
  onChange,
}: {
  versionId: string;
  number: number;
  approvedAt: string | null;
  onChange?: (approvedAt: string | null) => void;
}) {
  const [approvedAt, setApprovedAt] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const approved = approvedAt !== null;

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const v = await setApproval(versionId, !approved);
      setApprovedAt(v.approvedAt);
      onChange?.(v.approvedAt);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {approved ? (
        <span className="chip border-success/50 text-success" title={`Approved ${formatDateTime(approvedAt)}`}>
          <span aria-hidden="true">✓</span> Approved
        </span>
      ) : null}
      <button
        type="button"
        className={`btn btn-sm ${approved ? "btn-secondary" : "btn-ghost border-line-strong"}`}
        aria-pressed={approved}
        aria-label={`Approve version ${number}`}
        title={approved ? "Approved: press to take the approval back" : "Mark this version approved"}
        disabled={busy}
        onClick={() => void toggle()}
      >
        Approve
      </button>
      {error ? <ErrorAlert error={error} action="Approval not saved" className="w-full" /> : null}
    </span>
  );
}
