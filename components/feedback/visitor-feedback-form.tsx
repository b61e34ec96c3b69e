"use client";

import { useId, useState } from "react";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { sendFeedback } from "@/lib/client/feedback";
import { rememberName } from "@/lib/client/visitor-memory";
import { FEEDBACK_LIMITS } from "@/lib/schemas/limits";
import { ErrorAlert } from "@/components/ui/error-alert";
import { useVisitorName } from "./use-visitor-memory";

/**
 * A share's visitor leaves a note for the owner: on the whole idea, or on one image (imageId).
 * The note goes only to the owner; nothing here shows anyone else's. The name is remembered in
 * this browser, so the vote toggles need not ask for it again.
 */
export function VisitorFeedbackForm({
  token,
  imageId,
  label = "Leave a note for the owner",
}: {
  token: string;
  imageId?: string;
  /** The form's heading, e.g. "Comment on this image". */
  label?: string;
}) {
  const remembered = useVisitorName();
  // Until the visitor types, the field follows the remembered name (it arrives after hydration).
  const [typedName, setTypedName] = useState<string | null>(null);
  const name = typedName ?? remembered;
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [thanked, setThanked] = useState<string | null>(null);
  const headingId = useId();
  const nameId = useId();
  const commentId = useId();
  const counterId = useId();

  const ready = name.trim().length > 0 && comment.trim().length > 0 && !busy;

  async function submit() {
    if (!ready) return;
    setBusy(true);
    setError(null);
    setThanked(null);
    const who = name.trim();
    try {
      await sendFeedback(token, { name: who, comment: comment.trim(), ...(imageId ? { imageId } : {}) });
      rememberName(who);
      setTypedName(null);
      setComment("");
      setThanked(who);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      aria-labelledby={headingId}
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={headingId} className="text-base font-semibold">
        {label}
      </h2>
      <div>
        <label htmlFor={nameId} className="field-label">
          Your name
        </label>
        <input
          id={nameId}
          type="text"
          className="field"
          autoComplete="name"
          maxLength={FEEDBACK_LIMITS.nameChars}
          value={name}
          onChange={(e) => setTypedName(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor={commentId} className="field-label">
          Comment
        </label>
        <textarea
          id={commentId}
          className="field min-h-24"
          maxLength={FEEDBACK_LIMITS.commentChars}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-describedby={counterId}
        />
        <p id={counterId} className="field-hint mt-1 text-right tabular-nums">
          {comment.length.toLocaleString("en-US")} of {FEEDBACK_LIMITS.commentChars.toLocaleString("en-US")} characters
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn btn-primary" disabled={!ready}>
          {busy ? "Sending…" : "Send"}
        </button>
        <p role="status" className="text-sm text-success">
          {thanked ? `Thanks, ${thanked}: your note went to the owner` : ""}
        </p>
      </div>
      {error ? <ErrorAlert error={error} action="Not sent" /> : null}
    </form>
  );
}
