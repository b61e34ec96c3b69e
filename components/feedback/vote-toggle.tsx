"use client";

import { useId, useState } from "react";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { sendFeedback } from "@/lib/client/feedback";
import { rememberName, rememberVote } from "@/lib/client/visitor-memory";
import { FEEDBACK_LIMITS } from "@/lib/schemas/limits";
import { ErrorAlert } from "@/components/ui/error-alert";
import { useRememberedVote, useVisitorName } from "./use-visitor-memory";

/**
 * A visitor's vote for one image of a share: a toggle (aria-pressed), remembered in this browser
 * per link and image. Taking a vote back sends `vote: false`; the owner counts each visitor's
 * last word. Without a known name it asks for one first, inline, and remembers it.
 */
export function VoteToggle({ token, imageId, name }: { token: string; imageId: string; name?: string }) {
  const remembered = useVisitorName();
  const voted = useRememberedVote(token, imageId);
  const who = (name ?? remembered).trim();
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [said, setSaid] = useState("");
  const nameId = useId();

  async function send(as: string) {
    const vote = !voted;
    setBusy(true);
    setError(null);
    try {
      await sendFeedback(token, { name: as, imageId, vote });
      rememberName(as);
      rememberVote(token, imageId, vote);
      setAsking(false);
      setSaid(vote ? "Your vote went to the owner" : "Vote taken back");
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={`btn btn-sm ${voted ? "btn-primary" : "btn-secondary"}`}
          aria-pressed={voted}
          disabled={busy}
          onClick={() => {
            if (who) void send(who);
            else setAsking(true);
          }}
        >
          <span aria-hidden="true">{voted ? "★" : "☆"}</span>
          Vote for this image
        </button>
        <span role="status" className="text-xs text-muted">
          {said}
        </span>
      </div>
      {asking && !who ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const as = typed.trim();
            if (as && !busy) void send(as);
          }}
        >
          <div className="min-w-0 flex-1">
            <label htmlFor={nameId} className="field-label">
              Your name
            </label>
            <input
              id={nameId}
              type="text"
              className="field"
              autoComplete="name"
              maxLength={FEEDBACK_LIMITS.nameChars}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              // biome-ignore lint/a11y/noAutofocus: it appears because the visitor just asked to vote
              autoFocus
            />
          </div>
          <button type="submit" className="btn btn-secondary btn-sm" disabled={!typed.trim() || busy}>
            Save name and vote
          </button>
        </form>
      ) : null}
      {error ? <ErrorAlert error={error} action="Vote not sent" /> : null}
    </div>
  );
}
