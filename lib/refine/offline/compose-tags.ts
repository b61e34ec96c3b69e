import type { PartRole, Phrase } from "./parts";
import type { Plan } from "./plan";
import { joinTags, type Tag } from "./tags";
import { hasPhrase } from "./words";

/**
 * The tags dialect: the idea's own words first (the subject weighted), then the additions in
 * the order a Stable Diffusion prompter puts them, with weight on the medium and main light.
 */

const ORDER: readonly PartRole[] = [
  "feel",
  "subjectDetail",
  "settingDetail",
  "atmosphere",
  "lighting",
  "medium",
  "composition",
  "palette",
  "paletteExtra",
  "detail",
  "quality",
];

/** Descriptive phrases are split at "and" so each tag stays short: "bushy tail", "amber eyes alert". */
const SPLIT_AT_AND: ReadonlySet<PartRole> = new Set(["subjectDetail", "settingDetail", "atmosphere"]);
const WEIGHTED: Partial<Record<PartRole, number>> = { lighting: 1.1, medium: 1.1 };

export function splitAtAnd(text: string): string[] {
  const parts = text.split(/\s+and\s+/);
  // "shopfronts and signs receding" stays whole: a one-word side is a list, not two phrases.
  return parts.length > 1 && parts.every((p) => p.trim().split(/\s+/).length >= 2) ? parts : [text];
}

export function tagsOf(role: PartRole, phrases: readonly Phrase[]): Tag[] {
  const texts = phrases.flatMap((p) => (SPLIT_AT_AND.has(role) ? splitAtAnd(p.tag) : [p.tag]));
  return texts.map((text, i) => ({
    text: text.replace(/^(a|an|the)\s+/i, ""),
    weight: i === 0 ? WEIGHTED[role] : undefined,
  }));
}

export function composeTags(plan: Plan): string {
  const tags: Tag[] = [...plan.lead.tags];
  // A tag prompt typed as the idea may already hold "masterpiece" or "best quality": not said twice.
  const typed = plan.lead.verbatim ? plan.lead.text : undefined;
  for (const role of ORDER) {
    const phrases = plan.parts[role];
    if (!phrases || phrases.length === 0) continue;
    const added = tagsOf(role, phrases);
    tags.push(...(typed ? added.filter((t) => !hasPhrase(typed, t.text)) : added));
  }
  return joinTags(tags);
}
