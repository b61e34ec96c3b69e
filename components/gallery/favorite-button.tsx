"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { setFavorite } from "@/lib/client/api";
import { type ShownError, toShownError } from "@/lib/client/api-error";

/** A toggle: its name stays "Favorite"; aria-pressed and the filled star say whether it is on. */
export function FavoriteButton({ imageId, initial }: { imageId: string; initial: boolean }) {
  const [on, setOn] = useState(initial);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const toggle = async () => {
    if (pending) return;
    const next = !on;
    setOn(next);
    setPending(true);
    setError(null);
    try {
      const image = await setFavorite(imageId, next);
      setOn(image.favorite);
    } catch (e) {
      setOn(!next);
      setError(toShownError(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <button
        type="button"
        aria-pressed={on}
        onClick={toggle}
        className={`btn ${on ? "btn-secondary border-accent bg-accent-soft text-accent-soft-ink" : "btn-secondary"}`}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
          <path
            d="M10 2.5l2.2 4.6 5 .7-3.6 3.5.9 5-4.5-2.4-4.5 2.4.9-5L2.8 7.8l5-.7z"
            fill={on ? "currentColor" : "none"}
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinejoin="round"
          />
        </svg>
        Favorite
      </button>
      {error ? <ErrorAlert error={error} action="Favorite failed" className="basis-full" /> : null}
    </>
  );
}
