"use client";

import { useEffect, useId, useState } from "react";
import { listCheckpoints } from "@/lib/client/api";
import { type ShownError, toShownError } from "@/lib/client/api-error";

/** The model file to load, listed live from the backend's server. */
export function CheckpointSelect({
  backendId,
  value,
  onChange,
}: {
  backendId: string;
  value: string | null;
  onChange: (checkpoint: string | null) => void;
}) {
  const id = useId();
  const hintId = useId();
  const [list, setList] = useState<{ for: string; items: string[] } | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    setError(null);
    listCheckpoints(backendId, ctrl.signal)
      .then((items) => setList({ for: backendId, items }))
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setError(toShownError(e));
      });
    return () => ctrl.abort();
  }, [backendId]);

  const items = list?.for === backendId ? list.items : [];
  const loading = !list || list.for !== backendId;
  // Keep a remembered choice visible even before (or without) the live list.
  const options = value && !items.includes(value) ? [value, ...items] : items;

  return (
    <div>
      <label htmlFor={id} className="field-label">
        Checkpoint
      </label>
      <select
        id={id}
        className="field"
        value={value ?? ""}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">The one loaded now</option>
        {options.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <p id={hintId} className="field-hint mt-1">
        {error
          ? `Could not list checkpoints: ${error.message}`
          : loading && !error
            ? "Asking the server for its checkpoints…"
            : `${items.length} on the server.`}
      </p>
    </div>
  );
}
