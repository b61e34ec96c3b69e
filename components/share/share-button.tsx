"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useClipboard } from "@/components/copy/use-clipboard";
import { ErrorAlert } from "@/components/ui/error-alert";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { announceSharesChanged, createShare, type ExpiryChoice, expiryFor, todayDate } from "@/lib/client/shares";
import type { ShareTarget } from "@/lib/schemas/shares";
import { SwitchField } from "./switch-field";

const NOUN: Record<ShareTarget["kind"], string> = { idea: "idea", comparison: "comparison", image: "image" };

const EXPIRY_OPTIONS: { value: ExpiryChoice; label: string }[] = [
  { value: "never", label: "Never" },
  { value: "1d", label: "In 1 day" },
  { value: "7d", label: "In 7 days" },
  { value: "30d", label: "In 30 days" },
  { value: "date", label: "On a date…" },
];

/**
 * Share: a dialog that makes a read-only link to this idea, comparison or image, with an
 * optional expiry and a feedback switch. The full URL is shown once, right after it is made
 * (only its hash is kept): closing the dialog forgets it.
 */
export function ShareButton({ target, className = "btn btn-secondary" }: { target: ShareTarget; className?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const expiryId = useId();
  const dateId = useId();
  const linkId = useId();
  const noteId = useId();
  const [open, setOpen] = useState(false);
  const [expiry, setExpiry] = useState<ExpiryChoice>("never");
  const [date, setDate] = useState("");
  const [feedback, setFeedback] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const clipboard = useClipboard();
  const noun = NOUN[target.kind];

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal?.();
    if (!open && dialog.open) dialog.close?.();
  }, [open]);

  // Once made, the link's Copy button takes focus: it is the one thing left to do.
  useEffect(() => {
    if (link) copyRef.current?.focus();
  }, [link]);

  const close = () => {
    if (busy) return;
    setOpen(false);
    // The link is shown once: never again once the dialog is closed.
    setLink(null);
    setError(null);
    clipboard.reset();
  };

  const create = async () => {
    const expiresAt = expiryFor(expiry, date);
    if (expiresAt === undefined) {
      setError({ code: "invalid_request", message: "Choose a date from today on, or another expiry." });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const share = await createShare({ target, expiresAt, feedback });
      setLink(`${window.location.origin}${share.url}`);
      announceSharesChanged();
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => {
          setExpiry("never");
          setDate("");
          setFeedback(false);
          setOpen(true);
        }}
      >
        Share
      </button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        onCancel={(e) => {
          e.preventDefault();
          close();
        }}
        className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-xl border border-line bg-surface p-0 text-ink shadow-xl backdrop:bg-scrim"
      >
        {open ? (
          <div className="p-5">
            <h2 id={titleId} className="text-lg font-semibold">
              Share this {noun}
            </h2>
            {link ? (
              <div className="mt-3 space-y-3">
                <p id={noteId} className="text-sm text-muted">
                  This link is shown only once. Copy it now; you can revoke it later under Shared links.
                </p>
                <div>
                  <label htmlFor={linkId} className="field-label">
                    Link
                  </label>
                  <input
                    id={linkId}
                    readOnly
                    value={link}
                    aria-describedby={noteId}
                    onFocus={(e) => e.currentTarget.select()}
                    className="field font-mono text-sm"
                  />
                </div>
                <p role="status" className="min-h-5 text-sm">
                  {clipboard.state.kind === "copied"
                    ? "Copied."
                    : clipboard.state.kind === "failed"
                      ? "This browser would not copy it: select the link and copy it by hand."
                      : ""}
                </p>
                <div className="flex flex-wrap justify-end gap-2">
                  <button type="button" className="btn btn-secondary" onClick={close}>
                    Done
                  </button>
                  <button
                    ref={copyRef}
                    type="button"
                    className="btn btn-primary"
                    onClick={() => clipboard.copy(link, "Copied.")}
                  >
                    Copy link
                  </button>
                </div>
              </div>
            ) : (
              <form
                className="mt-2 space-y-4"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (!busy) void create();
                }}
              >
                <p className="text-sm text-muted">
                  Anyone with the link can see this {noun}, and nothing else, without a password. They cannot change
                  anything.
                </p>
                <div>
                  <label htmlFor={expiryId} className="field-label">
                    Link expires
                  </label>
                  <select
                    id={expiryId}
                    value={expiry}
                    disabled={busy}
                    onChange={(e) => setExpiry(e.target.value as ExpiryChoice)}
                    className="field"
                  >
                    {EXPIRY_OPTIONS.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </div>
                {expiry === "date" ? (
                  <div>
                    <label htmlFor={dateId} className="field-label">
                      Expiry date
                    </label>
                    <input
                      id={dateId}
                      type="date"
                      value={date}
                      min={todayDate()}
                      required
                      disabled={busy}
                      onChange={(e) => setDate(e.target.value)}
                      className="field"
                    />
                    <p className="field-hint mt-1">The link works until the end of that day.</p>
                  </div>
                ) : null}
                <SwitchField
                  label="Allow feedback"
                  hint="Visitors can leave a note and vote for images. Only you see what they send."
                  checked={feedback}
                  disabled={busy}
                  onChange={setFeedback}
                />
                {error ? <ErrorAlert error={error} action="No link made" /> : null}
                <div className="flex flex-wrap justify-end gap-2 pt-1">
                  <button type="button" className="btn btn-secondary" onClick={close} disabled={busy}>
                    Cancel
                  </button>
                  <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
                    {busy ? "Creating…" : "Create link"}
                  </button>
                </div>
              </form>
            )}
          </div>
        ) : null}
      </dialog>
    </>
  );
}
