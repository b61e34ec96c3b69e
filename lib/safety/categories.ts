/**
 * Our moderation categories: the offline policy judges the first seven; the rest exist so the
 * moderations endpoint's verdicts can be named in our own words. Pure data, safe anywhere.
 */
export const CATEGORY_LABELS = {
  "sexual/minors": "sexual content involving minors",
  "sexual/real-people": "sexual content involving real people",
  sexual: "explicit sexual content",
  "violence/graphic": "graphic violence or gore",
  "self-harm": "self-harm",
  hate: "hate or extremist symbols",
  "weapons/mass-harm": "instructions for weapons of mass harm",
  violence: "violence",
  harassment: "harassment",
  illicit: "illegal activity",
  other: "content the moderation service flagged",
} as const;

export type BuiltInCategory = keyof typeof CATEGORY_LABELS;

/** A category id: a built-in one, or one a policy file adds (with its own label). */
export type CategoryId = BuiltInCategory | (string & {});

/** Never switched off by a policy file: there is no setting in which these are wanted. */
export const ALWAYS_ON: ReadonlySet<string> = new Set(["sexual/minors"]);

/** The moderations endpoint's categories (omni-moderation-latest), in ours. */
export const OPENAI_CATEGORY_MAP: Readonly<Record<string, BuiltInCategory>> = {
  sexual: "sexual",
  "sexual/minors": "sexual/minors",
  violence: "violence",
  "violence/graphic": "violence/graphic",
  "self-harm": "self-harm",
  "self-harm/intent": "self-harm",
  "self-harm/instructions": "self-harm",
  hate: "hate",
  "hate/threatening": "hate",
  harassment: "harassment",
  "harassment/threatening": "harassment",
  illicit: "illicit",
  "illicit/violent": "illicit",
};

export function isBuiltInCategory(id: string): id is BuiltInCategory {
  return Object.hasOwn(CATEGORY_LABELS, id);
}
