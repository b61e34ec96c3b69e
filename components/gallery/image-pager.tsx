"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { ImageFilter } from "@/lib/client/api";
import { imagePageHref } from "@/lib/client/gallery-filter";

/** `filter`: the gallery's, when the page was opened from a filtered one; the links keep it. */
type Props = { previous: string | null; next: string | null; filter: ImageFilter };

/** Whether a key press belongs to the element it happened in: text fields, menus, sliders. */
function ownsArrows(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest("input, textarea, select, [role=menu], [role=listbox], [role=slider], [role=tablist]"))
    return true;
  return false;
}

/**
 * Previous (newer) and Next (older) image, in the gallery's order, as links and with the ←/→
 * keys while focus is not in something that uses the arrows itself or a dialog is open.
 */
export function ImagePager({ previous, next, filter }: Props) {
  const router = useRouter();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
      if (ownsArrows(e.target) || document.querySelector("dialog[open]")) return;
      const to = e.key === "ArrowLeft" ? previous : next;
      if (!to) return;
      e.preventDefault();
      router.push(imagePageHref(to, filter));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [previous, next, filter, router]);

  const link = (id: string | null, label: string, arrow: string, side: "start" | "end") => {
    const body =
      side === "start" ? (
        <>
          <span aria-hidden="true">{arrow}</span> {label}
        </>
      ) : (
        <>
          {label} <span aria-hidden="true">{arrow}</span>
        </>
      );
    return id ? (
      <Link
        href={imagePageHref(id, filter)}
        className="btn btn-ghost btn-sm"
        aria-keyshortcuts={side === "start" ? "ArrowLeft" : "ArrowRight"}
      >
        {body}
      </Link>
    ) : (
      // Kept in place (not removed) so the other link does not jump; says why it does nothing.
      <span className="btn btn-ghost btn-sm cursor-default font-normal text-muted">
        {body}
        <span className="sr-only">{side === "start" ? " (this is the newest)" : " (this is the oldest)"}</span>
      </span>
    );
  };

  return (
    <nav aria-label="Images" className="flex items-center justify-between gap-2">
      {link(previous, "Previous image", "←", "start")}
      <span className="hidden text-xs whitespace-nowrap text-muted sm:inline">or the ← → keys</span>
      {link(next, "Next image", "→", "end")}
    </nav>
  );
}
