import "server-only";
import { BACKENDS, REFINERS } from "@/lib/catalog";
import { defaultBackendId, listBackends } from "@/lib/backends/registry";
import { autoCheckEnabled, configuredJudge } from "@/lib/judge/registry";
import { defaultRefinerId, isRefinerConfigured, REFINER_IDS, refinerModel } from "@/lib/refine/registry";
import type { Catalog } from "@/lib/schemas/catalog";

export function getCatalog(): Catalog {
  const backends = listBackends().map((b) => {
    const facts = BACKENDS[b.id as keyof typeof BACKENDS];
    return {
      id: b.id,
      label: b.label,
      configured: b.isConfigured(),
      offline: facts.offline,
      model: b.model,
      enableWith: facts.enableWith,
      capabilities: b.capabilities,
    };
  });
  const refiners = REFINER_IDS.map((id) => ({
    id,
    label: REFINERS[id].label,
    configured: isRefinerConfigured(id),
    model: refinerModel(id),
    offline: REFINERS[id].offline,
  }));
  const defaults = { refiner: defaultRefinerId(), backend: defaultBackendId() };
  const judge = configuredJudge();
  return {
    refiners,
    backends,
    defaults,
    embeddedDefaults: defaults.refiner === "offline" && defaults.backend === "offline",
    judge: judge ? { id: judge.id, label: judge.label, autoCheck: autoCheckEnabled() } : null,
  };
}
