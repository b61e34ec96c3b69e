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

/**
 * Filters as chips, each applied at once: starred, has images, when, backend; the fifteen styles
 * would crowd a phone as chips, so style is one chip-shaped select, as are the score floor and
 * the order (issue 11: best checked image first).
 */
export function IdeasFilters({ filter, onChange, backends, styles }: Props) {
  const styleId = useId();
  const sortId = useId();
  const scoreId = useId();
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
      <label htmlFor={styleId} className="sr-only">
        Style
      </label>
      <select
        id={styleId}
        value={filter.style ?? ""}
        onChange={(e) => set({ style: (e.target.value || undefined) as StyleId | undefined })}
        className={`${chipClass(Boolean(filter.style))} max-w-full pr-2`}
      >
        <option value="">Any style</option>
        {styles.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </select>
      <label htmlFor={scoreId} className="sr-only">
        Score
      </label>
      <select
        id={scoreId}
        value={filter.minScore === undefined ? "" : String(filter.minScore)}
        onChange={(e) => set({ minScore: e.target.value === "" ? undefined : Number(e.target.value) })}
        className={`${chipClass(filter.minScore !== undefined)} max-w-full pr-2`}
      >
        {scoreChoices(filter.minScore).map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <label htmlFor={sortId} className="sr-only">
        Sort
      </label>
      <select
        id={sortId}
        value={filter.sort ?? ""}
        onChange={(e) => set({ sort: e.target.value === "score" ? "score" : undefined })}
        className={`${chipClass(false)} max-w-full pr-2`}
      >
        <option value="">Recent activity first</option>
        <option value="score">Best score first</option>
      </select>
    </fieldset>
  );
}
