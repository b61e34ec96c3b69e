"use client";

import dynamic from "next/dynamic";
import { type ComponentProps, Suspense } from "react";

/**
 * The candidate cards and the word diff that marks what sets each apart load when more than one
 * candidate is asked for (issue 12: first-load JS): choosing 2 or 3 in Candidates fetches them
 * (preloadCandidateCards), so they are there when Refine starts writing.
 */
const CandidateCardsLazy = dynamic(() => import("./candidate-cards").then((m) => m.CandidateCards));

export function preloadCandidateCards(): void {
  void import("./candidate-cards").catch(() => undefined);
}

export function CandidateCards(props: ComponentProps<typeof CandidateCardsLazy>) {
  return (
    // Holds about a row of cards' height, so the prompt below does not jump when they come.
    <Suspense fallback={<div aria-hidden="true" className="min-h-40" />}>
      <CandidateCardsLazy {...props} />
    </Suspense>
  );
}
