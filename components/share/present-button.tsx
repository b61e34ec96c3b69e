"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { Presenter } from "./presenter";
import type { Slide } from "./slides";

/** Present: opens the presenter's view; leaving it puts focus back here. */
export function PresentButton({ slides, title }: { slides: Slide[]; title: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const close = useCallback(() => setOpen(false), []);
  // Once the layer is gone and the page is no longer inert (its cleanup runs first), focus returns.
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="btn btn-primary"
        onClick={() => setOpen(true)}
        disabled={slides.length === 0}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          <path d="M3 4.5A1.5 1.5 0 0 1 4.5 3h11A1.5 1.5 0 0 1 17 4.5v8a1.5 1.5 0 0 1-1.5 1.5H11v1.5h2.25a.75.75 0 0 1 0 1.5h-6.5a.75.75 0 0 1 0-1.5H9V14H4.5A1.5 1.5 0 0 1 3 12.5v-8Zm5.5 1.9v4.2a.5.5 0 0 0 .76.43l3.5-2.1a.5.5 0 0 0 0-.86l-3.5-2.1a.5.5 0 0 0-.76.43Z" />
        </svg>
        Present
      </button>
      {open
        ? createPortal(<Presenter slides={slides} label={`Presenting: ${title}`} onClose={close} />, document.body)
        : null}
    </>
  );
}
