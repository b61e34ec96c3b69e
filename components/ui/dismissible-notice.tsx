"use client";

import { type ReactNode, useState } from "react";
import { dismissNoticeCookie } from "./notice-cookie";

/**
 * A notice band with a Dismiss button. Dismissing sets the cookie the server reads (so a reload
 * does not bring it back, not even for a moment) and hands focus to the main content.
 */
export function DismissibleNotice({ label, children }: { label: string; children: ReactNode }) {
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  const dismiss = () => {
    // biome-ignore lint/suspicious/noDocumentCookie: one plain preference cookie; the Cookie Store API is not in every browser yet
    document.cookie = dismissNoticeCookie(window.location.protocol === "https:");
    setDismissed(true);
    // The button is about to go: without this, focus would fall back to the page's start.
    document.getElementById("main")?.focus({ preventScroll: true });
  };
  return (
    <aside aria-label={label} className="border-b border-line bg-warning-soft">
      <div className="mx-auto flex w-full max-w-[1600px] items-start gap-3 px-4 py-2 sm:px-6">
        <div className="min-w-0 flex-1">{children}</div>
        <button
          type="button"
          className="btn btn-ghost btn-sm -my-1 shrink-0"
          aria-label="Dismiss notice"
          onClick={dismiss}
        >
          Dismiss
        </button>
      </div>
    </aside>
  );
}
