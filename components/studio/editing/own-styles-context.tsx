"use client";

import { createContext, type ReactNode, useContext } from "react";
import type { OwnStyle } from "@/lib/schemas/styles";

/** What the Style box shows of an own style: never its parts (the refiners' words stay on the server). */
export type OwnStyleLabel = Pick<OwnStyle, "id" | "label" | "description" | "sample" | "sampleSource">;

const OwnStyles = createContext<readonly OwnStyleLabel[]>([]);

/**
 * The own styles (issue 13), read by the Studio's server page and handed down as data: no request
 * after the page loads and nothing in the first-load JS beyond this provider.
 */
export function OwnStylesProvider({ styles, children }: { styles: readonly OwnStyleLabel[]; children: ReactNode }) {
  return <OwnStyles value={styles}>{children}</OwnStyles>;
}

export function useOwnStyles(): readonly OwnStyleLabel[] {
  return useContext(OwnStyles);
}
