import "server-only";
import { findBackend, getBackend } from "@/lib/backends/registry";
import { AppError } from "@/lib/errors";

const TIMEOUT_MS = 10_000;

/** The checkpoints a backend's server offers, for the parameter panel. */
export async function listCheckpoints(backendId: string): Promise<string[]> {
  if (!findBackend(backendId)) throw new AppError("not_found", `There is no backend "${backendId}".`);
  const backend = getBackend(backendId);
  if (!backend.capabilities.checkpoints || !backend.listCheckpoints) {
    throw new AppError("invalid_request", `${backend.label} does not load checkpoints.`);
  }
  return backend.listCheckpoints({ signal: AbortSignal.timeout(TIMEOUT_MS) });
}
