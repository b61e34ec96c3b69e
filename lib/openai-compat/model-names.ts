import "server-only";
import { defaultBackendId, findBackend, listBackends } from "@/lib/backends/registry";
import type { ImageBackend } from "@/lib/backends/types";
import { badParam } from "./errors";

/** The model names this API answers to: `promptsmith` (the default backend) and `promptsmith-<backend id>`. */
export const MODEL_PREFIX = "promptsmith";
/** A name ending in this skips refinement: the prompt is generated as written (source `verbatim`). */
export const RAW_SUFFIX = ":raw";

export type ModelChoice = {
  /** As asked for (or `promptsmith` when no model was named). */
  name: string;
  backend: ImageBackend;
  /** Skip the refiner. */
  raw: boolean;
};

/** Which backend a model name stands for, and whether it refines; a 400 naming `model` otherwise. */
export function resolveModel(name: string | null | undefined): ModelChoice {
  const asked = name ?? MODEL_PREFIX;
  const raw = asked.endsWith(RAW_SUFFIX);
  const base = raw ? asked.slice(0, -RAW_SUFFIX.length) : asked;
  let backend: ImageBackend | undefined;
  if (base === MODEL_PREFIX) backend = findBackend(defaultBackendId());
  else if (base.startsWith(`${MODEL_PREFIX}-`)) backend = findBackend(base.slice(MODEL_PREFIX.length + 1));
  if (!backend?.isConfigured()) {
    const known = modelNames().join(", ");
    throw badParam(
      "model",
      `The model '${asked}' does not exist or is not configured here. Available: ${known}.`,
      "model_not_found",
    );
  }
  return { name: asked, backend, raw };
}

/** Every name resolveModel accepts right now, each refining and `:raw`. */
export function modelNames(): string[] {
  const bases = [MODEL_PREFIX, ...configuredBackends().map((b) => `${MODEL_PREFIX}-${b.id}`)];
  return bases.flatMap((b) => [b, `${b}${RAW_SUFFIX}`]);
}

function configuredBackends(): ImageBackend[] {
  return listBackends().filter((b) => b.isConfigured());
}

/** When these names were first offered; a fixed moment, so a client caching the list sees no change. */
const CREATED = Math.floor(Date.parse("2026-12-04T00:00:00Z") / 1000);

/** GET /v1/models: the contract's ListModelsResponse. */
export function listModels() {
  return {
    object: "list" as const,
    data: modelNames().map((id) => ({ id, object: "model" as const, created: CREATED, owned_by: MODEL_PREFIX })),
  };
}
