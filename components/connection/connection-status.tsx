"use client";

import { useEffect, useRef, useState } from "react";
import { useConnection } from "./use-connection";

/** How long "Reconnected" stays on screen. */
const BACK_SHOWN_MS = 4000;

/**
 * The one place that talks about the connection: "Connection lost. Reconnecting…" while the
 * server cannot be reached, then "Reconnected" for a moment. A polite live region whose text
 * stays the same while lost (retries do not re-announce); every stream and request that
 * noticed the loss stays quiet and leaves it to this.
 */
export function ConnectionStatus() {
  const { status, reconnects } = useConnection();
  const seen = useRef(reconnects);
  const [back, setBack] = useState(false);

  useEffect(() => {
    if (reconnects === seen.current) return;
    seen.current = reconnects;
    setBack(true);
    const t = setTimeout(() => setBack(false), BACK_SHOWN_MS);
    return () => clearTimeout(t);
  }, [reconnects]);

  const lost = status === "lost";
  const text = lost ? "Connection lost. Reconnecting…" : back ? "Reconnected." : "";
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4"
    >
      {text ? (
        <p
          className={`pointer-events-auto flex items-center gap-2 rounded-full border px-4 py-2 text-sm font-medium shadow-sm ${
            lost ? "border-warning/50 bg-warning-soft text-warning" : "border-line bg-surface text-ink"
          }`}
        >
          <span
            aria-hidden="true"
            className={`inline-block size-2 rounded-full ${lost ? "animate-pulse bg-warning" : "bg-success"}`}
          />
          {text}
        </p>
      ) : null}
    </div>
  );
}
