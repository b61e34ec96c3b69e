import type { IdeaSummary, Page } from "@/lib/schemas/entities";
import { request } from "./api";
import { ideasApiFilter, type IdeasFilter } from "./ideas-filter";

/** GET /api/ideas: most recent activity first. */
export function listIdeas(
  filter: IdeasFilter,
  opts: { cursor?: string | null; limit?: number; signal?: AbortSignal; now?: number } = {},
): Promise<Page<IdeaSummary>> {
  const p = new URLSearchParams();
  for (const [key, value] of Object.entries(ideasApiFilter(filter, opts.now ?? Date.now()))) {
    if (value !== undefined) p.set(key, String(value));
  }
  if (opts.cursor) p.set("cursor", opts.cursor);
  if (opts.limit) p.set("limit", String(opts.limit));
  return request(`/api/ideas?${p.toString()}`, { signal: opts.signal, cache: "no-store" });
}

/**
 * DELETE /api/ideas/:id. With `keepalive` the request outlives the page (sent while it is being
 * hidden or left), as saveEdit does.
 */
export function deleteIdeaNow(id: string, opts: { keepalive?: boolean } = {}): Promise<void> {
  return request(`/api/ideas/${encodeURIComponent(id)}`, { method: "DELETE", keepalive: opts.keepalive });
}
