"use client";

import { useEffect, useId, useRef, useState } from "react";
import { FixMissesButton } from "@/components/fix/fix-misses-button";
import { toShownError } from "@/lib/client/api-error";
import { checkImage, publishCheck, tally } from "@/lib/client/checks";
import type { FixLoop, ImageCheck } from "@/lib/schemas/checks";
import { ReceiptItems } from "./receipt-items";

type Props = {
  imageId: string;
  /** The image's latest check, or null when it has none yet. */
  check: ImageCheck | null;
  /** Told of a check this receipt asked for (Check image). */
  onCheck?: (check: ImageCheck) => void;
  /** False when no judge is on (JUDGE=off): no Check image button, only what is stored. */
  canCheck?: boolean;
  /** A check is on its way (AUTO_CHECK): says so instead of offering Check image. */
  pending?: boolean;
  /** Start with the items shown (the image page, where there is room); a result card starts closed. */
  defaultOpen?: boolean;
  /** The image's latest fix loop (the image page reads it), so a reload shows its rounds again. */
  latestFixLoop?: FixLoop | null;
};

/** The newer of two checks of one image (an automatic one may land after a manual one, or before). */
const newer = (a: ImageCheck | null, b: ImageCheck | null) => (!a ? b : !b ? a : b.createdAt > a.createdAt ? b : a);

/**
 * An image's receipt: "4 of 5 ✓ · checked by …" opening to every item with ✓ / ✗ / ? and its
 * reason, misses first, with Fix misses beside them. With no check yet: a Check image button.
 */
export function Receipt({
  imageId,
  check: given,
  onCheck,
  canCheck = true,
  pending = false,
  defaultOpen = false,
  latestFixLoop = null,
}: Props) {
  const [own, setOwn] = useState<ImageCheck | null>(null);
  const [open, setOpen] = useState(defaultOpen);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const focusAfterCheck = useRef(false);
  const check = newer(given, own);

  // The Check image button is gone once the check is here: keep the keyboard on the receipt.
  useEffect(() => {
    if (check && focusAfterCheck.current) {
      focusAfterCheck.current = false;
      toggle.current?.focus();
    }
  }, [check]);

  const runCheck = async () => {
    setChecking(true);
    setError(null);
    try {
      const result = await checkImage(imageId);
      focusAfterCheck.current = true;
      setOwn(result);
      setOpen(true);
      // Other receipts of this image (a result card put back on the page) hear it too.
      publishCheck(result);
      onCheck?.(result);
    } catch (e) {
      // Said plainly, as the server words it ("This version has no checklist", "The judge is off…").
      setError(toShownError(e).message);
    } finally {
      setChecking(false);
    }
  };

  if (!check) {
    if (!canCheck && !pending) return null;
    return (
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
        {pending && !checking ? (
          <p role="status" className="text-muted">
            Checking…
          </p>
        ) : canCheck ? (
          <button type="button" className="btn btn-secondary btn-sm" disabled={checking} onClick={runCheck}>
            {checking ? "Checking…" : "Check image"}
          </button>
        ) : null}
        {error ? (
          <p role="alert" className="basis-full text-danger">
            {error}
          </p>
        ) : null}
      </div>
    );
  }

  const t = tally(check);
  return (
    <div className="mt-2 min-w-0 text-xs">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full min-w-0 items-baseline gap-1.5 rounded-md px-1 py-0.5 text-start hover:bg-surface-2"
      >
        <span aria-hidden="true" className={`inline-block text-muted transition-transform ${open ? "rotate-90" : ""}`}>
          ›
        </span>
        <span className="min-w-0 [overflow-wrap:anywhere]">
          <span className="font-semibold text-ink">
            {t.passed} of {t.total} <span aria-hidden="true">✓</span>
            <span className="sr-only">passed</span>
          </span>
          {t.missed ? <span className="font-semibold text-danger"> · {t.missed} missed</span> : null}
          <span className="text-muted"> · checked by {check.judge.label}</span>
        </span>
      </button>
      {t.missed || latestFixLoop ? (
        <div className="mt-1.5">
          <FixMissesButton imageId={imageId} hasMisses={t.missed > 0} latest={latestFixLoop} startScore={check.score} />
        </div>
      ) : null}
      {open ? <ReceiptItems check={check} id={listId} /> : null}
    </div>
  );
}
