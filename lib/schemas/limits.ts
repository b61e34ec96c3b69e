/*
 * Limits the browser checks too. No zod here: client code imports these, and a schema library
 * stays on the server (issue 12: it was 32 kB of every page's first-load JavaScript).
 */

export const LIMITS = {
  ideaChars: 2000,
  instructionChars: 500,
  /** Absolute ceiling; each backend may set a lower one (capabilities.maxPromptChars). */
  promptChars: 32000,
  negativePromptChars: 4000,
  bodyBytes: 1_000_000,
  pageSize: 60,
} as const;

/** A visitor's name and note on a share link (issue 10). */
export const FEEDBACK_LIMITS = { nameChars: 80, commentChars: 1000 } as const;

/** At most this many items per version: a checklist is the idea's demands, not an essay. */
export const MAX_CHECKS = 16;

/**
 * House rules (issue 13) ride along in every refinement's system prompt: 2,000 characters (about
 * 500 tokens, the size of the rest of that prompt's rules) is room for a team's palette, bans and
 * tone, and keeps them a preference list rather than a second system prompt that would crowd out
 * the idea, cost tokens on every call, and invite instructions the refiner must then disregard.
 * The same number as the idea's cap, so a pasted brief fits either box.
 */
export const HOUSE_RULES_MAX_CHARS = 2000;
