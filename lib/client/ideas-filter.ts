import { STYLE_IDS } from "@/lib/schemas/names";
import type { StyleId } from "@/lib/schemas/styles";

/** A page's search params as Next gives them to a server component. */
export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** How far back "last worked on" may go, as the date chips offer it. */
export const DAY_CHOICES = [7, 30] as const;
export type Days = (typeof DAY_CHOICES)[number];

/** The Ideas page's filter, as its address holds it (`/ideas?q=fox&backend=offline&days=7`). */
export type IdeasFilter = {
  q?: string;
  backend?: string;
  style?: StyleId;
  hasImages?: boolean;
  starred?: boolean;
  /** Issue 11: an image whose latest check has a miss. */
  hasMisses?: boolean;
  /** Issue 11: its best image's latest check scored at least this (0..1). */
  minScore?: number;
  /** Issue 11: best checked image first; absent, most recent activity first. */
  sort?: "score";
  days?: Days;
};

/** "0.8" → 0.8; anything but a number from 0 to 1 → undefined. */
function scoreFloor(v: string): number | undefined {
  if (!/^(0(\.\d{1,4})?|1(\.0+)?|\.\d{1,4})$/.test(v)) return undefined;
  return Number(v);
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const yes = (v: string) => v === "1" || v === "true";

/**
 * The filter from the address. Anything malformed is dropped rather than refused: an address
 * is typed and shared by people, and the whole list is a fair answer to a broken one.
 */
export function ideasFilterFrom(sp: SearchParamsRecord): IdeasFilter {
  const q = one(sp.q).slice(0, 200);
  const backend = one(sp.backend);
  const style = one(sp.style);
  const days = Number(one(sp.days));
  const minScore = scoreFloor(one(sp.minScore));
  return {
    ...(q.trim() ? { q } : {}),
    ...(backend && backend.length <= 64 ? { backend } : {}),
    ...((STYLE_IDS as readonly string[]).includes(style) ? { style: style as StyleId } : {}),
    ...(yes(one(sp.hasImages)) ? { hasImages: true } : {}),
    ...(yes(one(sp.starred)) ? { starred: true } : {}),
    ...(yes(one(sp.hasMisses)) ? { hasMisses: true } : {}),
    ...(minScore !== undefined ? { minScore } : {}),
    ...(one(sp.sort) === "score" ? { sort: "score" as const } : {}),
    ...((DAY_CHOICES as readonly number[]).includes(days) ? { days: days as Days } : {}),
  };
}

/** "?q=…&backend=…" for a filter, in one fixed order; "" for none. */
export function ideasQuery(filter: IdeasFilter): string {
  const p = new URLSearchParams();
  if (filter.q?.trim()) p.set("q", filter.q);
  if (filter.backend) p.set("backend", filter.backend);
  if (filter.style) p.set("style", filter.style);
  if (filter.hasImages) p.set("hasImages", "1");
  if (filter.starred) p.set("starred", "1");
  if (filter.hasMisses) p.set("hasMisses", "1");
  if (filter.minScore !== undefined) p.set("minScore", String(filter.minScore));
  if (filter.sort) p.set("sort", filter.sort);
  if (filter.days) p.set("days", String(filter.days));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Whether anything narrows the list (the order alone does not). */
export const isFiltered = ({ sort: _sort, ...filter }: IdeasFilter): boolean => ideasQuery(filter) !== "";

/** What GET /api/ideas takes for the filter: `days` becomes `from`, a time `days` before `now`. */
export function ideasApiFilter(
  filter: IdeasFilter,
  now: number,
): {
  q?: string;
  backend?: string;
  style?: StyleId;
  hasImages?: boolean;
  starred?: boolean;
  hasMisses?: boolean;
  minScore?: number;
  sort?: "score";
  from?: string;
} {
  const { days, q, ...rest } = filter;
  return {
    ...rest,
    ...(q?.trim() ? { q: q.trim() } : {}),
    ...(days ? { from: new Date(now - days * 86_400_000).toISOString() } : {}),
  };
}
