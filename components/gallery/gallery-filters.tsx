"use client";

import Form from "next/form";
import { type ComponentProps, useId, useRef } from "react";
import { scoreChoices } from "@/lib/client/score-choices";
import { GalleryMoreFilters } from "./gallery-more-filters";

type Props = {
  q: string;
  favorite: boolean;
  /** Best score first (issue 11) rather than newest first. */
  sort?: "newest" | "score";
  minScore?: number;
  /** Only images whose latest check missed an item. */
  hasMisses?: boolean;
  /** Issue 12: the rarer filters, in GalleryMoreFilters. */
  more?: ComponentProps<typeof GalleryMoreFilters>;
};

/** Search, a favorites switch, the order, a score floor and the rarer filters; a plain GET form, so it works before scripts load too. */
export function GalleryFilters({ q, favorite, sort = "newest", minScore, hasMisses = false, more = {} }: Props) {
  const form = useRef<HTMLFormElement>(null);
  const searchId = useId();
  const favId = useId();
  const sortId = useId();
  const scoreId = useId();
  const missesId = useId();
  const submit = () => form.current?.requestSubmit();
  const scoreValue = minScore === undefined ? "" : String(minScore);
  const choices = scoreChoices(minScore);
  return (
    <Form ref={form} action="/gallery" role="search" className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <div className="flex min-w-0 items-center gap-2">
        <label htmlFor={searchId} className="sr-only">
          Search prompts
        </label>
        <input
          id={searchId}
          type="search"
          name="q"
          defaultValue={q}
          placeholder="Search prompts"
          className="field h-9 w-56 max-w-full py-1 text-sm"
        />
        <button type="submit" className="btn btn-secondary btn-sm h-9">
          Search
        </button>
      </div>
      <div className="flex items-center gap-2 text-sm">
        <input
          id={favId}
          type="checkbox"
          name="favorite"
          value="1"
          defaultChecked={favorite}
          className="size-4 accent-accent"
          onChange={submit}
        />
        <label htmlFor={favId}>Favorites only</label>
      </div>
      <div className="flex items-center gap-2 text-sm">
        <input
          id={missesId}
          type="checkbox"
          name="hasMisses"
          value="1"
          defaultChecked={hasMisses}
          className="size-4 accent-accent"
          onChange={submit}
        />
        <label htmlFor={missesId}>Has misses</label>
      </div>
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor={sortId} className="text-muted">
          Sort
        </label>
        <select id={sortId} name="sort" defaultValue={sort} className="field h-9 w-auto py-1 text-sm" onChange={submit}>
          <option value="newest">Newest</option>
          <option value="score">Best score</option>
        </select>
      </div>
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor={scoreId} className="sr-only">
          Score
        </label>
        <select
          id={scoreId}
          name="minScore"
          defaultValue={scoreValue}
          className="field h-9 w-auto py-1 text-sm"
          onChange={submit}
        >
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <GalleryMoreFilters {...more} />
    </Form>
  );
}
