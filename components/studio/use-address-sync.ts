import { useEffect } from "react";
import { syncAddress, useFreshOnReturn } from "./address";

/**
 * Keeps the address bar on the idea and version in view, except on a page Back brought from the
 * router's cache, which is being replaced by a fresh one (address.ts).
 */
export function useAddressSync(ideaId: string | null, versionId: string | null, openedVersionId: string | undefined) {
  const stale = useFreshOnReturn(openedVersionId);
  useEffect(() => {
    if (!stale) syncAddress(ideaId, versionId);
  }, [stale, ideaId, versionId]);
}
