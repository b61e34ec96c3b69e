"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Spinner } from "@/components/ui/spinner";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { compareBackends, comparisonUrl } from "@/lib/client/compare";
import { MAX_COMPARE, MIN_COMPARE } from "./compare-button";

type Backend = { id: string; label: string; capabilities?: { sizes: readonly string[] } };

type Props = {
  ideaId: string;
  versionId: string;
  /** The catalog's configured backends. */
  backends: Backend[];
  /** The studio's parameters; only the seed and a size every chosen backend takes are kept. */
  params?: Record<string, unknown>;
};

/**
 * "Compare backends": one version on 2–4 backends with one seed. A small dialog picks
 * the backends; the comparison opens when it has started.
 */
export function CompareBackendsButton({ ideaId, versionId, backends, params }: Props) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const hintId = useId();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>(() => backends.slice(0, MAX_COMPARE).map((b) => b.id));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal?.();
    if (!open && d.open) d.close?.();
  }, [open]);

  const unavailable =
    backends.length < MIN_COMPARE
      ? `Needs ${MIN_COMPARE} or more backends set up${backends.length === 1 ? `; only ${backends[0]?.label} is` : ""}.`
      : null;
  const count = chosen.length;
  const blocker =
    count < MIN_COMPARE ? `Pick at least ${MIN_COMPARE}.` : count > MAX_COMPARE ? `Pick at most ${MAX_COMPARE}.` : null;

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const picked = backends.filter((b) => chosen.includes(b.id));
      const comparison = await compareBackends(
        versionId,
        picked.map((b) => b.id),
        commonParams(params, picked),
      );
      setOpen(false);
      router.push(comparisonUrl(comparison.id));
    } catch (e) {
      setError(toShownError(e));
      setBusy(false);
    }
  };

  return (
    <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1" data-idea={ideaId}>
      <button
        type="button"
        className="btn btn-secondary"
        aria-haspopup="dialog"
        disabled={unavailable !== null}
        aria-describedby={unavailable ? reasonId : undefined}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Compare backends
      </button>
      {unavailable ? (
        <p id={reasonId} className="text-sm text-muted">
          {unavailable}
        </p>
      ) : null}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onCancel={(e) => {
          e.preventDefault();
          if (!busy) setOpen(false);
        }}
        className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-xl border border-line bg-surface p-0 text-ink shadow-xl backdrop:bg-scrim"
      >
        <form
          className="p-5"
          onSubmit={(e) => {
            e.preventDefault();
            if (!blocker && !busy) void start();
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold">
            Compare on backends
          </h2>
          <fieldset className="mt-3" aria-describedby={hintId}>
            <legend className="text-sm text-muted">
              This version, rendered by each backend you pick with the same seed.
            </legend>
            <ul className="mt-3 space-y-2">
              {backends.map((b) => {
                const id = `${titleId}-${b.id}`;
                return (
                  <li key={b.id} className="flex items-center gap-2">
                    <input
                      id={id}
                      type="checkbox"
                      className="size-4 accent-accent"
                      checked={chosen.includes(b.id)}
                      onChange={(e) =>
                        setChosen((c) => (e.target.checked ? [...c, b.id] : c.filter((x) => x !== b.id)))
                      }
                    />
                    <label htmlFor={id} className="text-sm">
                      {b.label}
                    </label>
                  </li>
                );
              })}
            </ul>
            <p id={hintId} className={`mt-2 text-sm ${blocker ? "text-warning" : "text-muted"}`}>
              {blocker ?? `${count} backends, side by side.`}
            </p>
          </fieldset>
          {error ? <ErrorAlert error={error} action="Compare failed" className="mt-3" /> : null}
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={blocker !== null || busy} aria-busy={busy}>
              {busy ? <Spinner /> : null}
              Compare images
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}

/** Backends differ in what they take: keep the seed, and the size only when every chosen one offers it. */
function commonParams(params: Record<string, unknown> | undefined, picked: Backend[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof params?.seed === "number") out.seed = params.seed;
  const size = params?.size;
  if (typeof size === "string" && picked.every((b) => b.capabilities?.sizes.includes(size))) out.size = size;
  return out;
}
