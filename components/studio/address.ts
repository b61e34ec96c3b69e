import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * Keeps the address bar on the idea and version in view, so a reload (or a shared link, or Back
 * after leaving) reopens them. Replaces the entry: moving between versions is not history.
 */
export function syncAddress(ideaId: string | null, versionId: string | null): void {
  // A save that answers after the person has left the studio must not rewrite the page they are on.
  if (!ideaId || typeof window === "undefined" || window.location.pathname !== "/") return;
  const params = new URLSearchParams({ idea: ideaId });
  if (versionId) params.set("version", versionId);
  // A fix loop being watched (components/fix/fix-misses-button.tsx) stays named while the idea
  // does, so a reload finds its rounds again; its receipt may mount after this runs.
  const current = new URLSearchParams(window.location.search);
  const watching = current.get("fix");
  if (watching && current.get("idea") === ideaId) params.set("fix", watching);
  const next = `/?${params.toString()}`;
  if (`${window.location.pathname}${window.location.search}` !== next) window.history.replaceState(null, "", next);
}

/**
 * Back (or Forward) to the studio restores the page the router cached when it was first opened,
 * but the address was moved on since (saves replace it): that page is out of date. Ask the
 * server for the one the address names (a new page, with a fresh studio). Answers whether this
 * page is such a stale one, so it leaves the address alone meanwhile.
 */
export function useFreshOnReturn(openedVersionId: string | undefined): boolean {
  const router = useRouter();
  const [stale] = useState(() => {
    if (typeof window === "undefined" || !openedVersionId) return false;
    const named = new URLSearchParams(window.location.search).get("version");
    return named !== null && named !== openedVersionId;
  });
  useEffect(() => {
    if (stale) router.refresh();
  }, [stale, router]);
  return stale;
}
