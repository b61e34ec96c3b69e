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

/**
 * The own styles for the Studio's Style box, asked once per page load and only when the box is
 * shown: the built-ins ship with the bundle (lib/style-labels.ts), own ones come from the server.
 */
let ownStyles: Promise<OwnStyle[]> | undefined;

export function ownStylesOnce(): Promise<OwnStyle[]> {
  // A plain fetch, not request(): a list that fails to load leaves the built-ins, and is no sign
  // of a lost connection for the page's monitor to act on.
  ownStyles ??= fetch("/api/styles", { headers: { Accept: "application/json" } })
    .then((res) => (res.ok ? (res.json() as Promise<{ items: OwnStyle[] }>) : { items: [] }))
    .then((body) => body.items)
    .catch(() => {
      ownStyles = undefined;
      return [];
    });
  return ownStyles;
}
