/**
 * The fake's whole idea of "unsafe": marker words, so tests can trigger every path without
 * writing anything actually harmful. Matching is case-insensitive on whole words.
 */

export const MODERATION_CATEGORIES = [
  "hate",
  "hate/threatening",
  "harassment",
  "harassment/threatening",
  "illicit",
  "illicit/violent",
  "self-harm",
  "self-harm/intent",
  "self-harm/instructions",
  "sexual",
  "sexual/minors",
  "violence",
  "violence/graphic",
] as const;
export type ModerationCategory = (typeof MODERATION_CATEGORIES)[number];

/** Marker → the categories it flags. Documented in README.md beside this file. */
export const FLAG_TERMS: ReadonlyArray<{ term: string; categories: ModerationCategory[] }> = [
  { term: "FLAG_ME", categories: ["violence"] },
  { term: "FLAG_GORE", categories: ["violence", "violence/graphic"] },
  { term: "FLAG_SEXUAL", categories: ["sexual"] },
  { term: "FLAG_MINORS", categories: ["sexual", "sexual/minors"] },
  { term: "FLAG_HATE", categories: ["hate", "harassment"] },
  { term: "FLAG_SELF_HARM", categories: ["self-harm", "self-harm/intent"] },
  // Plain words a careless test might use to mean "violent and sexual"; mild on purpose.
  { term: "gore", categories: ["violence", "violence/graphic"] },
  { term: "dismembered", categories: ["violence", "violence/graphic"] },
  { term: "explicit sex", categories: ["sexual"] },
];

function contains(text: string, term: string): boolean {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}($|[^A-Za-z0-9_])`, "i").test(text);
}

export function flaggedCategories(text: string): ModerationCategory[] {
  const found = new Set<ModerationCategory>();
  for (const { term, categories } of FLAG_TERMS) {
    if (contains(text, term)) for (const c of categories) found.add(c);
  }
  return MODERATION_CATEGORIES.filter((c) => found.has(c));
}
