import "server-only";
import { REFINERS, type RefinerId } from "@/lib/catalog";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { offlineRefiner } from "./offline";
import { openaiRefiner } from "./openai-refiner";
import type { Refiner } from "./types";

const REGISTRY: Record<RefinerId, Refiner> = {
  offline: offlineRefiner,
  openai: openaiRefiner,
};

export function isRefinerConfigured(id: RefinerId): boolean {
  return id === "openai" ? getConfig().openai.enabled : true;
}

export function refinerModel(id: RefinerId): string {
  return id === "openai" ? getConfig().openai.refineModel : "offline-refiner";
}

/** The chat model when one is configured, else the embedded refiner. */
export function defaultRefinerId(): RefinerId {
  return isRefinerConfigured("openai") ? "openai" : "offline";
}

export function getRefiner(id: string | undefined): Refiner {
  const chosen = (id ?? defaultRefinerId()) as RefinerId;
  if (!(chosen in REGISTRY)) throw new AppError("invalid_request", `Unknown refiner "${id}".`);
  if (!isRefinerConfigured(chosen)) {
    throw new AppError(
      "backend_unavailable",
      `The ${REFINERS[chosen].label} is not configured: set ${REFINERS[chosen].enableWith}.`,
    );
  }
  return REGISTRY[chosen];
}

export const REFINER_IDS = Object.keys(REGISTRY) as RefinerId[];
