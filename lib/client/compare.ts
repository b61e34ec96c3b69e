import type { Comparison, ComparisonDetail } from "@/lib/schemas/entities";
import { request } from "./api";

/** The comparisons' part of the public HTTP API, as the browser sees it. */

export type CompareParams = Record<string, unknown>;

/**
 * The parameters a comparison takes: the studio's, less the image count (every cell is one
 * image) and anything unset, since the server rejects unknown or empty fields.
 */
export function compareParams(params: CompareParams | undefined): CompareParams {
  const out: CompareParams = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (k === "n" || v === undefined || v === null || v === "") continue;
    out[k] = v;
  }
  return out;
}

export function compareVersions(versionIds: string[], backend: string, params?: CompareParams): Promise<Comparison> {
  return request("/api/comparisons", {
    method: "POST",
    body: JSON.stringify({ versionIds, backend, params: compareParams(params) }),
  });
}

export function compareBackends(versionId: string, backends: string[], params?: CompareParams): Promise<Comparison> {
  return request("/api/comparisons", {
    method: "POST",
    body: JSON.stringify({ versionId, backends, params: compareParams(params) }),
  });
}

export function getComparison(id: string, signal?: AbortSignal): Promise<ComparisonDetail> {
  return request(comparisonApiUrl(id), { signal, cache: "no-store" });
}

export function deleteComparison(id: string): Promise<void> {
  return request(comparisonApiUrl(id), { method: "DELETE" });
}

const comparisonApiUrl = (id: string) => `/api/comparisons/${encodeURIComponent(id)}`;

/** The page that shows a comparison. */
export const comparisonUrl = (id: string) => `/compare/${encodeURIComponent(id)}`;
