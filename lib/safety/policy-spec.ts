/**
 * The offline policy as written (the built-in one, and a policy file's additions), before
 * "@list" references are expanded. See docs/safety-policy.md.
 */
export type PairSpec = {
  /** Phrases, or "@name" for a named word list. */
  a: string[];
  b: string[];
  /** At most this many words between the two; 6 when omitted. */
  window?: number;
};

export type CategorySpec = {
  label: string;
  /** Any one of these alone puts a text in the category. */
  terms: string[];
  /** A phrase of `a` near a phrase of `b` puts a text in the category. */
  pairs: PairSpec[];
};

export type PolicySpec = {
  lists: Record<string, string[]>;
  categories: Record<string, CategorySpec>;
  /** Phrases whose words no rule may use ("naked eye", "bloody mary"). */
  allow: string[];
  disabled: string[];
};

export const DEFAULT_WINDOW = 6;
