"use client";

import { type ReactNode, useId } from "react";

type Props = {
  model?: string;
  seed?: number;
  /** "1024x1024". */
  size?: string;
  /** Days (YYYY-MM-DD) as the address has them. */
  from?: string;
  to?: string;
};

const FIELD = "field h-9 w-36 py-1 text-sm";
/** What a date input shows: the day of an address's day or ISO time. */
const day = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : "");

/**
 * Issue 12: the gallery's rarer filters (model, seed, size, a date range), folded away until
 * used, inside GalleryFilters' GET form: Apply submits them with the rest, and the address keeps
 * them. Open from the start when one is set, so a filtered gallery says how it is filtered.
 */
export function GalleryMoreFilters({ model, seed, size, from, to }: Props) {
  const ids = { model: useId(), seed: useId(), size: useId(), from: useId(), to: useId() };
  const open = Boolean(model || seed !== undefined || size || from || to);
  const field = (id: string, label: string, input: ReactNode) => (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-muted">
        {label}
      </label>
      {input}
    </div>
  );
  return (
    <details open={open} className="w-full text-sm">
      <summary className="cursor-pointer text-muted">More filters</summary>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
        {field(
          ids.model,
          "Model",
          <input id={ids.model} name="model" defaultValue={model ?? ""} maxLength={128} className={FIELD} />,
        )}
        {field(
          ids.seed,
          "Seed",
          <input
            id={ids.seed}
            name="seed"
            type="text"
            inputMode="numeric"
            pattern="-?[0-9]{1,16}"
            title="A whole number, like 1234"
            defaultValue={seed ?? ""}
            className={FIELD}
          />,
        )}
        {field(
          ids.size,
          "Size",
          <input
            id={ids.size}
            name="size"
            placeholder="1024x1024"
            pattern="[1-9][0-9]{0,4}x[1-9][0-9]{0,4}"
            title="Width x height in pixels, like 1024x1024"
            defaultValue={size ?? ""}
            className={FIELD}
          />,
        )}
        {field(
          ids.from,
          "From",
          <input id={ids.from} name="from" type="date" defaultValue={day(from)} className={FIELD} />,
        )}
        {field(ids.to, "To", <input id={ids.to} name="to" type="date" defaultValue={day(to)} className={FIELD} />)}
        <button type="submit" className="btn btn-secondary btn-sm h-9">
          Apply filters
        </button>
      </div>
    </details>
  );
}
