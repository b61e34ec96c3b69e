/*
 * The closed sets of names the API uses, as plain arrays. No zod here: client code imports these
 * (to offer, check or label them), and the schemas (common.ts, entities.ts…) build their enums
 * from them, so the two cannot drift (issue 12: zod stays out of the browser).
 */

/** Opaque URL-safe id: what lib/ids.ts makes, and nothing that could walk a path. */
export const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
export const ID_MAX_CHARS = 64;

export function isId(v: string): boolean {
  return v.length >= 1 && v.length <= ID_MAX_CHARS && ID_PATTERN.test(v);
}

/** Ids of the style presets (lib/styles.ts holds their parts). "none" is spelled as null. */
export const STYLE_IDS = [
  "cinematic-photo",
  "watercolor",
  "oil-painting",
  "anime",
  "3d-render",
  "pixel-art",
  "ink-sketch",
  "isometric",
  "film-noir",
  "charcoal-drawing",
  "woodblock-print",
  "comic-book",
  "claymation",
  "vaporwave",
  "low-poly",
] as const;

/**
 * Own styles (issue 13) have ids of this shape: the prefix keeps them apart from the built-in ids
 * above, which never start with it, so an own style can never shadow or collide with one.
 */
export const OWN_STYLE_ID_PREFIX = "own-";
export const OWN_STYLE_ID_PATTERN = /^own-[A-Za-z0-9_-]{1,60}$/;

export function isOwnStyleId(v: string): boolean {
  return OWN_STYLE_ID_PATTERN.test(v);
}

/** A prompt's anatomy: the parts a refiner writes, shown as chips and lockable one by one. */
export const PART_NAMES = [
  "subject",
  "setting",
  "medium",
  "lighting",
  "composition",
  "palette",
  "details",
  "negative",
] as const;

/** What a checklist item checks (issue 11). */
export const CHECK_KINDS = ["entity", "count", "attribute", "relation", "text", "style", "setting"] as const;

/** Every error code an answer's `{ error: { code } }` may carry. */
export const ERROR_CODES = [
  "invalid_request",
  "unauthorized",
  "forbidden",
  "not_found",
  /** A share link past its expiry (410). */
  "gone",
  "too_large",
  "moderation_blocked",
  "refused",
  "rate_limited",
  "backend_error",
  "backend_unavailable",
  "timeout",
  "canceled",
  "interrupted",
  "internal",
] as const;
