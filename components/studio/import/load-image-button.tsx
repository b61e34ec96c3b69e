"use client";

import { useEffect, useId, useRef, useState } from "react";
import { pickRecipeFile } from "@/lib/client/recipe-file";

export const LOAD_IMAGE_LABEL = "Load from image…";

/**
 * The keyboard and touch way to what a drop does: a button that opens the file picker.
 * The file input itself stays out of sight and out of the tab order; the button is the control.
 */
export function LoadImageButton({ onFile }: { onFile: (file: File) => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  // Reading happens in script: until the page is interactive the button would do nothing, so it says so.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <>
      <button
        type="button"
        className="btn btn-secondary btn-sm"
        aria-describedby={hintId}
        disabled={!ready}
        onClick={() => inputRef.current?.click()}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="size-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <rect x="3" y="4" width="18" height="16" rx="2" />
          <circle cx="9" cy="10" r="1.8" />
          <path d="m21 16-5-5-9 9" />
        </svg>
        {LOAD_IMAGE_LABEL}
      </button>
      <span id={hintId} className="sr-only">
        Reads the prompt and settings of a PNG made by Promptsmith, AUTOMATIC1111, Fooocus or ComfyUI, in this browser.
        You can also drop the file anywhere on the page.
      </span>
      <input
        ref={inputRef}
        type="file"
        accept="image/png,.png"
        aria-label={LOAD_IMAGE_LABEL}
        tabIndex={-1}
        className="hidden"
        disabled={!ready}
        onChange={(e) => {
          const file = pickRecipeFile(e.currentTarget.files);
          // Clear it, so choosing the same file again reads it again.
          e.currentTarget.value = "";
          if (file) onFile(file);
        }}
      />
    </>
  );
}
