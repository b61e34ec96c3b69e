import { useEffect } from "react";
import { preloadHistoryTree } from "@/components/history/history-panel";
import { preloadCandidateCards } from "./candidates/lazy-candidate-cards";
import { preloadRefineStream } from "./editing/use-refine";
import { preloadVersionParts } from "./editing/version-parts";
import { preloadGenerationCard } from "./generations/results-list";

/**
 * The Studio's parts that load on demand (issue 12: first-load JS) are fetched as soon as they
 * are about to be wanted, so none of them is waited for when it appears: a prompt on its way
 * (refining) or on screen (a version, or a draft typed or imported) soon has a version, a
 * History tree and results; an idea being typed is soon refined; asking for more than one candidate soon shows their cards.
 */
export function usePreloadParts({ idea, prompt, candidates }: { idea: boolean; prompt: boolean; candidates: number }) {
  useEffect(() => {
    if (idea || prompt) preloadRefineStream();
  }, [idea, prompt]);
  useEffect(() => {
    if (!prompt) return;
    preloadVersionParts();
    preloadHistoryTree();
    preloadGenerationCard();
  }, [prompt]);
  useEffect(() => {
    if (candidates > 1) preloadCandidateCards();
  }, [candidates]);
}
