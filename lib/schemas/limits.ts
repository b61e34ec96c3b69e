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
