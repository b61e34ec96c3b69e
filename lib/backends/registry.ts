import "server-only";
import { BACKENDS, type BackendId } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import { automatic1111Backend } from "./automatic1111";
import { comfyuiBackend } from "./comfyui";
import { offlineBackend } from "./offline";
import { openaiBackend } from "./openai-backend";
import type { ImageBackend } from "./types";

/** Adding a backend: its adapter here, and its facts in lib/catalog.ts. */
const REGISTRY: Partial<Record<BackendId, ImageBackend>> = {
  offline: offlineBackend,
  openai: openaiBackend,
  automatic1111: automatic1111Backend,
  comfyui: comfyuiBackend,
};

export function listBackends(): ImageBackend[] {
  return Object.values(REGISTRY).filter((b): b is ImageBackend => b !== undefined);
}

/** The first configured real backend, else the offline renderer. */
export function defaultBackendId(): BackendId {
  const real = listBackends().find((b) => !BACKENDS[b.id as BackendId].offline && b.isConfigured());
  return (real?.id as BackendId | undefined) ?? "offline";
}

export function findBackend(id: string): ImageBackend | undefined {
  return Object.hasOwn(REGISTRY, id) ? REGISTRY[id as BackendId] : undefined;
}

export function getBackend(id: string): ImageBackend {
  const backend = findBackend(id);
  if (!backend) throw new AppError("invalid_request", `Unknown backend "${id}".`);
  if (!backend.isConfigured()) {
    const facts = BACKENDS[backend.id as BackendId];
    throw new AppError("backend_unavailable", `${backend.label} is not configured: set ${facts.enableWith}.`);
  }
  return backend;
}
