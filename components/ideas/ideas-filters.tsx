"use client";

import { useId } from "react";
import type { BackendId } from "@/lib/catalog";
import { DAY_CHOICES, type Days, type IdeasFilter } from "@/lib/client/ideas-filter";
import { scoreChoices } from "@/lib/client/score-choices";
import type { StyleId } from "@/lib/schemas/styles";

export type FilterOptions = {
  backends: { id: BackendId | string; label: string }[];
  styles: { id: StyleId; label: string }[];
};

type Props = FilterOptions & { filter: IdeasFilter; onChange: (next: IdeasFilter) => void };

const CHIP =
  "inline-flex h-8 items-center gap-1 rounded-full border px-3 text-sm font-medium whitespace-nowrap transition-colors";
const chipClass = (on: boolean) =>
  `${CHIP} ${on ? "border-accent bg-accent-soft text-accent-soft-ink" : "border-line-strong/60 bg-surface text-ink hover:bg-surface-2"}`;

/** A toggle chip: pressed or not (aria-pressed), a tick saying so in more than colour. */
function Chip({ on, onClick, children }: { on: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button type="button" aria-pressed={on} className={chipClass(on)} onClick={onClick}>
      {on ? <span aria-hidden="true">✓</span> : null}
      {children}
    </button>
  );
}

const DAY_LABEL: Record<Days, string> = { 7: "Past 7 days", 30: "Past 30 days" };

const SORT_CHOICES = [
  { value: "", label: "Recent activity first" },
  { value: "score", label: "Best score first" },
] as const;

type Choice = { readonly value: string; readonly label: string };

/** A select shaped like a chip, its name for screen readers only: style, score floor, order. */
function ChipSelect(props: {
  label: string;
  value: string;
  on: boolean;
  options: readonly Choice[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {props.label}
      </label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        className={`${chipClass(props.on)} max-w-full pr-2`}
      >
        {props.options.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </>
  );
}

/**
 * Filters as chips, each applied at once: starred, has images, when, backend; the fifteen styles
 * would crowd a phone as chips, so style is one chip-shaped select, as are the score floor and
 * the order (issue 11: best checked image first).
 */
export function IdeasFilters({ filter, onChange, backends, styles }: Props) {
  const set = (patch: Partial<IdeasFilter>) => {
    const next = { ...filter, ...patch };
    for (const key of Object.keys(patch) as (keyof IdeasFilter)[]) if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  return (
    <fieldset className="m-0 flex min-w-0 flex-wrap items-center gap-2 border-0 p-0">
      <legend className="sr-only">Filters</legend>
      <Chip on={filter.starred === true} onClick={() => set({ starred: filter.starred ? undefined : true })}>
        Starred
      </Chip>
      <Chip on={filter.hasImages === true} onClick={() => set({ hasImages: filter.hasImages ? undefined : true })}>
        Has images
      </Chip>
      <Chip on={filter.hasMisses === true} onClick={() => set({ hasMisses: filter.hasMisses ? undefined : true })}>
        Has misses
      </Chip>
      {DAY_CHOICES.map((d) => (
        <Chip key={d} on={filter.days === d} onClick={() => set({ days: filter.days === d ? undefined : d })}>
          {DAY_LABEL[d]}
        </Chip>
      ))}
      {backends.map((b) => (
        <Chip
          key={b.id}
          on={filter.backend === b.id}
          onClick={() => set({ backend: filter.backend === b.id ? undefined : b.id })}
        >
          {b.label}
        </Chip>
      ))}
      <ChipSelect
        label="Style"
        value={filter.style ?? ""}
        on={Boolean(filter.style)}
        options={[{ value: "", label: "Any style" }, ...styles.map((st) => ({ value: st.id, label: st.label }))]}
        onChange={(v) => set({ style: (v || undefined) as StyleId | undefined })}
      />
      <ChipSelect
        label="Score"
        value={filter.minScore === undefined ? "" : String(filter.minScore)}
        on={filter.minScore !== undefined}
        options={scoreChoices(filter.minScore)}
        onChange={(v) => set({ minScore: v === "" ? undefined : Number(v) })}
      />
      <ChipSelect
        label="Sort"
        value={filter.sort ?? ""}
        on={false}
        options={SORT_CHOICES}
        onChange={(v) => set({ sort: v === "score" ? "score" : undefined })}
      />
    </fieldset>
  );
}
