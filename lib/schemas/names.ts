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

/** A style's parts, in the order the form shows them (lib/styles.ts, issue 13's own styles). */
export const STYLE_PART_NAMES = ["medium", "lighting", "palette", "camera", "detail", "negative"] as const;

/**
 * Caps per style field, in characters. A part is a phrase or a few comma-separated sub-phrases (the
 * built-ins' longest is 108 characters); the negative is a tag list. The caps keep one style from
 * swallowing a CLIP backend's 75-token budget or the chat model's attention. Here, not beside the
 * zod schema, so the style form can check them without zod in the browser.
 */
export const STYLE_FIELD_CAPS = {
  label: 60,
  description: 200,
  medium: 200,
  lighting: 200,
  palette: 200,
  camera: 200,
  detail: 240,
  negative: 400,
} as const;

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
