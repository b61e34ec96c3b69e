"use client";

import { useId } from "react";

/** The search box: answers as you type (the list debounces); Enter is not needed, Escape clears. */
export function IdeasSearch({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const id = useId();
  return (
    <search className="w-full min-w-0 sm:w-80">
      <label htmlFor={id} className="sr-only">
        Search ideas
      </label>
      <input
        id={id}
        type="search"
        value={value}
        maxLength={200}
        autoComplete="off"
        placeholder="Search ideas, prompts, notes"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && value) {
            e.preventDefault();
            onChange("");
          }
        }}
        className="field h-10 w-full min-w-0 py-1 text-sm"
      />
    </search>
  );
}
