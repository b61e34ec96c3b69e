import { isDayOrTime, sizeFrom } from "@/lib/schemas/day-range";
import { isId } from "@/lib/schemas/names";
import { type ImageFilter, imageUrls } from "./api";

/** A page's search params as Next gives them to a server component. */
export type SearchParamsRecord = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** A score from 0 to 1 as an address writes it ("0.8", "1"); anything else is no score. */
function scoreFrom(v: string): number | undefined {
  return /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(v) ? Number(v) : undefined;
}

/** "1"/"true" or "0"/"false"; anything else is no flag. */
const flagFrom = (v: string): boolean | undefined =>
  v === "1" || v === "true" ? true : v === "0" || v === "false" ? false : undefined;

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
  const minScore = scoreFrom(one(sp.minScore));
  const checked = flagFrom(one(sp.checked));
  const model = one(sp.model).trim();
  const seed = one(sp.seed);
  const size = sizeFrom(one(sp.size));
  const from = one(sp.from);
  const to = one(sp.to);
  return {
    ...(q ? { q } : {}),
    ...(favorite ? { favorite: true } : {}),
    ...(isId(ideaId) ? { ideaId } : {}),
    ...(backend && backend.length <= 64 ? { backend } : {}),
    ...(one(sp.sort) === "score" ? { sort: "score" as const } : {}),
    ...(minScore !== undefined ? { minScore } : {}),
    ...(checked !== undefined ? { checked } : {}),
    ...(flagFrom(one(sp.hasMisses)) ? { hasMisses: true } : {}),
    ...(model && model.length <= 128 ? { model } : {}),
    ...(/^-?\d{1,16}$/.test(seed) ? { seed: Number(seed) } : {}),
    ...(size ? { size } : {}),
    ...(isDayOrTime(from) ? { from } : {}),
    ...(isDayOrTime(to) ? { to } : {}),
  };
}

/** "?q=…&favorite=1…" for a filter, in the order the gallery's own form writes it; "" for none. */
export function galleryQuery(filter: ImageFilter): string {
  const p = new URLSearchParams();
  if (filter.q) p.set("q", filter.q);
  if (filter.favorite) p.set("favorite", "1");
  if (filter.ideaId) p.set("ideaId", filter.ideaId);
  if (filter.backend) p.set("backend", filter.backend);
  if (filter.sort === "score") p.set("sort", "score");
  if (filter.minScore !== undefined) p.set("minScore", String(filter.minScore));
  if (filter.checked !== undefined) p.set("checked", filter.checked ? "1" : "0");
  if (filter.hasMisses) p.set("hasMisses", "1");
  if (filter.model) p.set("model", filter.model);
  if (filter.seed !== undefined) p.set("seed", String(filter.seed));
  if (filter.size) p.set("size", `${filter.size.width}x${filter.size.height}`);
  if (filter.from) p.set("from", filter.from);
  if (filter.to) p.set("to", filter.to);
  const s = p.toString();
  return s ? `?${s}` : "";
}

export const isFiltered = (filter: ImageFilter): boolean => galleryQuery(filter) !== "";

/** The gallery as it was filtered. */
export const galleryHref = (filter: ImageFilter): string => `/gallery${galleryQuery(filter)}`;

/** An image's page, remembering the gallery filter it was opened from. */
export const imagePageHref = (id: string, filter: ImageFilter): string =>
  `${imageUrls.page(id)}${galleryQuery(filter)}`;
