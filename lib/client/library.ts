import type { Idea, LibraryEntry, Page, PromptVersion } from "@/lib/schemas/entities";
import { request } from "./api";

/** The Library's part of the public HTTP API, as the browser sees it. */

const entryUrl = (id: string) => `/api/library/${encodeURIComponent(id)}`;

/** Stars a version under a name; starring it again only renames the entry. */
export function starVersion(versionId: string, name: string): Promise<LibraryEntry> {
  return request("/api/library", { method: "POST", body: JSON.stringify({ versionId, name }) });
}

export function renameLibraryEntry(id: string, name: string): Promise<LibraryEntry> {
  return request(entryUrl(id), { method: "PATCH", body: JSON.stringify({ name }) });
}

export function removeLibraryEntry(id: string): Promise<void> {
  return request(entryUrl(id), { method: "DELETE" });
}

export function listLibrary(
  query: { q?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<Page<LibraryEntry>> {
  const p = new URLSearchParams();
  if (query.q) p.set("q", query.q);
  if (query.cursor) p.set("cursor", query.cursor);
  if (query.limit) p.set("limit", String(query.limit));
  return request(`/api/library?${p.toString()}`, { signal, cache: "no-store" });
}

/** A new idea whose first version is the entry's prompt. */
export function startIdeaFromEntry(id: string): Promise<{ idea: Idea; version: PromptVersion }> {
  return request(`${entryUrl(id)}/use`, { method: "POST" });
}

/** Where the studio opens a version. */
export function studioUrl(ideaId: string, versionId: string): string {
  return `/?idea=${encodeURIComponent(ideaId)}&version=${encodeURIComponent(versionId)}`;
}
