"use client";

import type { CatalogJudge } from "@/lib/schemas/catalog";
import { Receipt } from "./receipt";
import { useLatestCheck } from "./use-latest-check";

/** An image this young may still be waiting for its automatic check (AUTO_CHECK). */
const FRESH_MS = 2 * 60_000;

/**
 * The receipt on a Studio result card: reads the image's latest check, and while AUTO_CHECK is on
 * and the image is new, waits for the automatic one ("Checking…") before offering Check image.
 */
export function ResultReceipt({
  imageId,
  createdAt,
  judge,
}: {
  imageId: string;
  createdAt: string;
  /** The catalog's judge: null when JUDGE=off. */
  judge: CatalogJudge | null;
}) {
  const fresh = Date.now() - Date.parse(createdAt) < FRESH_MS;
  const { check, loaded, waiting, setCheck } = useLatestCheck(imageId, !!judge?.autoCheck && fresh);
  // Until the first answer, nothing: a Check image button that turns into a receipt a moment later is noise.
  if (!loaded && !waiting) return null;
  return <Receipt imageId={imageId} check={check} onCheck={setCheck} canCheck={judge !== null} pending={waiting} />;
}
