import type { GenerateBody } from "@/lib/schemas/api";
import type { Generation } from "@/lib/schemas/entities";

/** Which ended generations can be run again: those that did not give their images. */
export function canRetry(g: Pick<Generation, "status">): boolean {
  return g.status === "failed" || g.status === "canceled";
}

const PARAM_KEYS = ["size", "n", "seed", "steps", "guidance", "quality", "sampler", "checkpoint"] as const;

/**
 * POST /api/generate's body for running `g` again: its prompt version, backend and stored
 * parameters (as the server resolved them, so defaults filled in then are kept). Only the
 * keys the endpoint takes are sent (it rejects unknown ones); a generation without a prompt
 * version or backend cannot be retried, and says so.
 */
export function retryBody(
  g: Pick<Generation, "promptId" | "backend" | "params">,
): { ok: true; value: GenerateBody } | { ok: false; message: string } {
  if (!g.promptId || !g.backend) {
    return {
      ok: false,
      message: "This generation does not say which prompt and backend it used, so it cannot be retried.",
    };
  }
  const params: Record<string, unknown> = {};
  const stored = (g.params ?? {}) as Record<string, unknown>;
  for (const key of PARAM_KEYS) {
    const v = stored[key];
    if (v !== undefined && v !== null) params[key] = v;
  }
  return { ok: true, value: { promptId: g.promptId, backend: g.backend, params: params as GenerateBody["params"] } };
}
