"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { toShownError } from "@/lib/client/api-error";

/**
 * In-app links (the header's Gallery, an image, the version tree) save an edit first, and ask
 * before leaving a prompt that is not a version yet. The app
 * router has no "before navigate" event, so a click on a same-origin link is caught on the
 * document, in the capture phase, before React (and so next/link) sees it; the navigation
 * then goes on through the router once the save has answered, or, if it failed, once the person
 * has said to leave anyway. A link opened elsewhere (new tab, download, modifier keys) is left alone:
 * this page stays, with its edit.
 */
export function useLeaveGuard(unsaved: () => "edit" | "draft" | null, save: () => Promise<unknown>) {
  const router = useRouter();
  const latest = useRef({ unsaved, save, router });
  useEffect(() => {
    latest.current = { unsaved, save, router };
  });

  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const pending = latest.current.unsaved();
      if (!pending) return;
      const link = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || link.hasAttribute("download")) return;
      if (link.target && link.target !== "_self") return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return; // leaving the app: beforeunload asks
      const here = window.location;
      if (url.pathname === here.pathname && url.search === here.search && url.hash) return; // an anchor on this page
      e.preventDefault();
      e.stopPropagation();
      const go = () => latest.current.router.push(`${url.pathname}${url.search}${url.hash}`);
      // A prompt that is not a version yet becomes a new idea only when asked to: here, ask.
      if (pending === "draft") {
        if (window.confirm("Your prompt is not saved yet. Leave and lose it?")) go();
        return;
      }
      latest.current.save().then(go, (err) => {
        const why = toShownError(err).message;
        if (window.confirm(`Your prompt could not be saved: ${why}\nLeave anyway and lose it?`)) go();
      });
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, []);
}
