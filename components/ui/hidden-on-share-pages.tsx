"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** Whether a path is a share link's page (/s/<token>), which a visitor without the password reads. */
export function isSharePagePath(pathname: string | null): boolean {
  return pathname !== null && (pathname === "/s" || pathname.startsWith("/s/"));
}

/**
 * The site's own chrome (the header's links, the embedded-defaults notice) is left out of share
 * pages: a visitor could open none of it, and the page should show only what the link names.
 */
export function HiddenOnSharePages({ children }: { children: ReactNode }) {
  return isSharePagePath(usePathname()) ? null : children;
}
