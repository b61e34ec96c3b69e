import { BACKENDS } from "@/lib/catalog";
import type { Catalog } from "@/lib/schemas/catalog";
import type { PromptVersion } from "@/lib/schemas/entities";

/** The offline sketch backend as the catalog route lists it: configured, its own copy of the sizes. */
export const offlineBackend: Catalog["backends"][number] = {
  ...BACKENDS.offline,
  configured: true,
  model: "sketch",
  capabilities: { ...BACKENDS.offline.capabilities, sizes: [...BACKENDS.offline.capabilities.sizes] },
};

/** A server with nothing configured: the offline refiner and the offline backend, embedded defaults. */
export const offlineCatalog: Catalog = {
  refiners: [{ id: "offline", label: "Offline refiner (no model)", configured: true, model: "offline", offline: true }],
  backends: [offlineBackend],
  defaults: { refiner: "offline", backend: "offline" },
  embeddedDefaults: true,
};

/** A refined root version v1 of idea i1 ("Fox"); tests override what they look at. */
export function promptVersion(extra: Partial<PromptVersion> = {}): PromptVersion {
  return {
    id: "v1",
    ideaId: "i1",
    parentId: null,
    source: "refine",
    instruction: null,
    prompt: "A fox in the snow.",
    negativePrompt: null,
    style: null,
    dialect: "prose",
    refiner: "offline",
    model: "offline",
    title: "Fox",
    notes: [],
    parts: null,
    locks: [],
    direction: null,
    approvedAt: null,
    checks: [],
    createdAt: "2025-01-01T00:00:00Z",
    ...extra,
  };
}
