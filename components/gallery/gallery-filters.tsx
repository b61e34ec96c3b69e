"use client";

import Form from "next/form";
import { useId, useRef } from "react";

/** Search and a favorites switch; a plain GET form, so it works before scripts load too. */
export function GalleryFilters({ q, favorite }: { q: string; favorite: boolean }) {
  const form = useRef<HTMLFormElement>(null);
  const searchId = useId();
  const favId = useId();
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
          onChange={() => form.current?.requestSubmit()}
        />
        <label htmlFor={favId}>Favorites only</label>
      </div>
    </Form>
  );
}
