import { IdSchema } from "@/lib/schemas/common";
import { type ImageFilter, imageUrls } from "./api";

/** A page's search params as Next gives them to a server component. */
export type SearchParamsRecord = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/**
 * The gallery's filter from its address (also the image page's, which carries it on). Anything
 * malformed is dropped rather than refused: an address is typed and shared by people, and an
 * unfiltered gallery is a fair answer to a broken one.
 */
export function galleryFilterFrom(sp: SearchParamsRecord): ImageFilter {
  const q = one(sp.q).trim().slice(0, 200);
  const favorite = ["1", "true"].includes(one(sp.favorite));
  const ideaId = one(sp.ideaId);
  const backend = one(sp.backend);
  return {
    ...(q ? { q } : {}),
    ...(favorite ? { favorite: true } : {}),
    ...(IdSchema.safeParse(ideaId).success ? { ideaId } : {}),
    ...(backend && backend.length <= 64 ? { backend } : {}),
  };
}

/** "?q=…&favorite=1…" for a filter, in the order the gallery's own form writes it; "" for none. */
export function galleryQuery(filter: ImageFilter): string {
  const p = new URLSearchParams();
  if (filter.q) p.set("q", filter.q);
  if (filter.favorite) p.set("favorite", "1");
  if (filter.ideaId) p.set("ideaId", filter.ideaId);
  if (filter.backend) p.set("backend", filter.backend);
  const s = p.toString();
  return s ? `?${s}` : "";
}

export const isFiltered = (filter: ImageFilter): boolean => galleryQuery(filter) !== "";

/** The gallery as it was filtered. */
export const galleryHref = (filter: ImageFilter): string => `/gallery${galleryQuery(filter)}`;

/** An image's page, remembering the gallery filter it was opened from. */
export const imagePageHref = (id: string, filter: ImageFilter): string =>
  `${imageUrls.page(id)}${galleryQuery(filter)}`;
