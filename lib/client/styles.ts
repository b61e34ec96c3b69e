import type { CreateStyleBody, OwnStyle, StyleInput } from "@/lib/schemas/styles";
import { request } from "./api";

/** Own styles (issue 13) through the public API: types only from the schemas, so no zod in the browser. */

export function listOwnStyles(signal?: AbortSignal): Promise<{ items: OwnStyle[] }> {
  return request("/api/styles", { signal });
}

export function createStyle(body: CreateStyleBody): Promise<OwnStyle> {
  return request("/api/styles", { method: "POST", body: JSON.stringify(body) });
}

export function updateStyle(id: string, input: StyleInput): Promise<OwnStyle> {
  return request(`/api/styles/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify(input) });
}

export function duplicateStyle(id: string): Promise<OwnStyle> {
  return request(`/api/styles/${encodeURIComponent(id)}/duplicate`, { method: "POST" });
}

export function deleteStyle(id: string): Promise<void> {
  return request(`/api/styles/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function restoreStyle(id: string): Promise<OwnStyle> {
  return request(`/api/styles/${encodeURIComponent(id)}/restore`, { method: "POST" });
}

export function setStyleSample(
  id: string,
  body: { source: "offline" } | { source: "image"; imageId: string },
): Promise<OwnStyle> {
  return request(`/api/styles/${encodeURIComponent(id)}/sample`, { method: "POST", body: JSON.stringify(body) });
}

/** The file's text as it is: the server checks it and names what is wrong. */
export function importStylesFile(text: string): Promise<{ created: number; updated: number; items: OwnStyle[] }> {
  return request("/api/styles/import", { method: "POST", body: text });
}
