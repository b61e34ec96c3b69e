import type { EditBody, GenerateBody } from "@/lib/schemas/api";
import type { Generation, GenerationWithImages, Image, Page, PartName, PromptVersion } from "@/lib/schemas/entities";
import { errorFromBody, networkError } from "./api-error";
import { connection } from "./connection";
import { thumbVersion } from "./thumb-version";

/** The public HTTP API, as the browser sees it. Nothing here touches the server's internals. */

/** A JSON request to the public API, with the one error shape. */
export async function request<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: {
        Accept: "application/json",
        ...(init.body ? { "Content-Type": "application/json" } : {}),
        ...init.headers,
      },
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    // The page's connection monitor checks, says it once, and reconnects (lib/client/connection.ts).
    connection().suspect();
    throw networkError();
  }
  // Any answer below 500 is the app itself (a proxy in front says 502–504 while it is down).
  if (res.status < 500) connection().alive();
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw errorFromBody(body, res.status);
  return body as T;
}

/**
 * POST /api/prompts. `keepalive` lets the request finish when the page is being left (a reload,
 * a closed tab): a same-origin fetch that, unlike sendBeacon, sends JSON and its Origin.
 */
export function saveEdit(
  body: EditBody,
  signal?: AbortSignal,
  opts: { keepalive?: boolean } = {},
): Promise<PromptVersion> {
  return request("/api/prompts", { method: "POST", body: JSON.stringify(body), signal, keepalive: opts.keepalive });
}

/** PATCH /api/prompts/:id: which parts of a version later refinements must keep word for word. */
export function saveLocks(id: string, locks: readonly PartName[], signal?: AbortSignal): Promise<PromptVersion> {
  return request(`/api/prompts/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: JSON.stringify({ locks }),
    signal,
  });
}

export function startGeneration(body: GenerateBody, signal?: AbortSignal): Promise<Generation> {
  return request("/api/generate", { method: "POST", body: JSON.stringify(body), signal });
}

export function getGeneration(id: string, signal?: AbortSignal): Promise<GenerationWithImages> {
  return request(`/api/generations/${encodeURIComponent(id)}`, { signal, cache: "no-store" });
}

export function cancelGeneration(id: string): Promise<Generation> {
  return request(`/api/generations/${encodeURIComponent(id)}/cancel`, { method: "POST" });
}

export type ImageFilter = {
  ideaId?: string;
  backend?: string;
  favorite?: boolean;
  q?: string;
  /** Best score first (issue 11); absent: newest first. */
  sort?: "score";
  /** Has a check (true) or none (false). */
  checked?: boolean;
  /** The latest check scored at least this (0..1). */
  minScore?: number;
  /** The latest check has a miss. */
  hasMisses?: boolean;
  /** Issue 12: the generation's model, the image's seed and size, and a range of days (or ISO times). */
  model?: string;
  seed?: number;
  size?: { width: number; height: number };
  from?: string;
  to?: string;
};

export function listImages(
  query: ImageFilter & { cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<Page<Image>> {
  const p = new URLSearchParams();
  if (query.cursor) p.set("cursor", query.cursor);
  if (query.limit) p.set("limit", String(query.limit));
  if (query.ideaId) p.set("ideaId", query.ideaId);
  if (query.backend) p.set("backend", query.backend);
  if (query.favorite) p.set("favorite", "true");
  if (query.q) p.set("q", query.q);
  if (query.sort) p.set("sort", query.sort);
  if (query.checked !== undefined) p.set("checked", String(query.checked));
  if (query.minScore !== undefined) p.set("minScore", String(query.minScore));
  if (query.hasMisses) p.set("hasMisses", "true");
  if (query.model) p.set("model", query.model);
  if (query.seed !== undefined) p.set("seed", String(query.seed));
  if (query.size) p.set("size", `${query.size.width}x${query.size.height}`);
  if (query.from) p.set("from", query.from);
  if (query.to) p.set("to", query.to);
  return request(`/api/images?${p.toString()}`, { signal, cache: "no-store" });
}

export function setFavorite(id: string, favorite: boolean): Promise<Image> {
  return request(`/api/images/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify({ favorite }) });
}

export function deleteImage(id: string): Promise<void> {
  return request(`/api/images/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function deleteIdea(id: string): Promise<void> {
  return request(`/api/ideas/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** The checkpoints a backend's server offers (backends whose capabilities say `checkpoints`). */
export async function listCheckpoints(backendId: string, signal?: AbortSignal): Promise<string[]> {
  const body = await request<{ checkpoints: string[] }>(`/api/backends/${encodeURIComponent(backendId)}/checkpoints`, {
    signal,
    cache: "no-store",
  });
  return Array.isArray(body?.checkpoints) ? body.checkpoints : [];
}

export type PromptLength = {
  chars: number;
  maxChars: number | null;
  tokens: number | null;
  maxTokens: number | null;
  tokenizer?: "clip" | "t5" | null;
  /** True for T5 (FLUX, SD3): the server estimates rather than counts. */
  estimated?: boolean;
};

/**
 * POST /api/tokenize: a prompt's length against a backend's budget for the model it runs (CLIP
 * tokens counted for SD 1.5 and SDXL, T5 tokens estimated for FLUX and SD3).
 */
export function measurePrompt(
  backend: string,
  prompt: string,
  model: { family?: string | null; checkpoint?: string | null } = {},
  signal?: AbortSignal,
): Promise<PromptLength> {
  const body = {
    backend,
    prompt,
    ...(model.family ? { family: model.family } : {}),
    ...(model.checkpoint ? { checkpoint: model.checkpoint } : {}),
  };
  return request("/api/tokenize", { method: "POST", body: JSON.stringify(body), signal });
}

/** Where the bytes of an image live. */
export const imageUrls = {
  /** With the image's content hash, a content-addressed URL its answer is cached for good at (thumb-version.ts). */
  thumb: (id: string, contentHash?: string) =>
    `/api/images/${encodeURIComponent(id)}/thumb${contentHash ? `?v=${thumbVersion(contentHash)}` : ""}`,
  file: (id: string) => `/api/images/${encodeURIComponent(id)}/file`,
  download: (id: string) => `/api/images/${encodeURIComponent(id)}/file?download=1`,
  page: (id: string) => `/images/${encodeURIComponent(id)}`,
};
