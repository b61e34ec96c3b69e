"use client";

import dynamic from "next/dynamic";
import { type ComponentProps, Suspense } from "react";
import { StarIcon } from "@/components/library/star-icon";

/**
 * What belongs to a saved version (its part chips, its checklist, its Library star) is loaded
 * once there is a version, not with the page (issue 12: first-load JS). A page opened on an
 * idea renders them on the server, so they are there before their code; after a first Refine,
 * their code was fetched while the prompt streamed (preloadVersionParts).
 */
const PartChipsLazy = dynamic(() => import("@/components/anatomy/part-chips").then((m) => m.PartChips));
const ChecklistPanelLazy = dynamic(() => import("./checklist-panel").then((m) => m.ChecklistPanel));
const StarButtonLazy = dynamic(() => import("@/components/library/star-button").then((m) => m.StarButton));

export function preloadVersionParts(): void {
  for (const load of [
    () => import("@/components/anatomy/part-chips"),
    () => import("./checklist-panel"),
    () => import("@/components/library/star-button"),
  ]) {
    void load().catch(() => undefined);
  }
}

export function PartChips(props: ComponentProps<typeof PartChipsLazy>) {
  return (
    <Suspense fallback={<div aria-hidden="true" className="min-h-8" />}>
      <PartChipsLazy {...props} />
    </Suspense>
  );
}

export function ChecklistPanel(props: ComponentProps<typeof ChecklistPanelLazy>) {
  return (
    <Suspense fallback={<div aria-hidden="true" className="min-h-10" />}>
      <ChecklistPanelLazy {...props} />
    </Suspense>
  );
}

/** The star's place is held by an unseen button of the same size, so Copy beside it never moves. */
export function StarButton(props: ComponentProps<typeof StarButtonLazy>) {
  return (
    <Suspense
      fallback={
        <span aria-hidden="true" className="btn btn-secondary invisible">
          <StarIcon filled={false} />
          Star
        </span>
      }
    >
      <StarButtonLazy {...props} />
    </Suspense>
  );
}
