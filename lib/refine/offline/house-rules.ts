import type { RefinedPrompt, RefineInput } from "../types";
import { mergeNegative } from "./negative";

/*
 * House rules (issue 13) for the offline refiner. It has no language model, so it cannot follow
 * free text ("our brand palette is navy and coral"), and it says so in the version's notes rather
 * than pretend. What it can read deterministically are bans, "no X" / "avoid X" / "never X" /
 * "without X": on a tag-dialect backend these go into the negative prompt (unless the prompt asks
 * for them: the idea outranks the house rules). Prose has no negative prompt, so there even a ban
 * is only recorded.
 */

const BAN =
  /^(?:no|avoid|avoiding|never|without|exclude|don'?t\s+(?:use|show|include)|do\s+not\s+(?:use|show|include))\s+(.+)$/i;

/** The things a rule bans ("no text or watermarks" → text, watermarks); [] when it is no ban. */
export function bannedTerms(rule: string): string[] {
  const m = BAN.exec(rule.trim());
  if (!m?.[1]) return [];
  return m[1]
    .replace(/^(?:use|show|include|add|any|an?|the)\s+/i, "")
    .split(/\s*(?:,|\bor\b|\band\b|\bnor\b)\s*/i)
    .map((t) =>
      t
        .replace(/^(?:any|an?|the)\s+/i, "")
        .replace(/[.!;:]+$/, "")
        .trim(),
    )
    .filter((t) => t.length > 0 && t.length <= 60);
}

/** One rule per line, sentence or semicolon. */
export function splitRules(text: string): string[] {
  return text
    .split(/\n|;|(?<=[.!?])\s+/)
    .map((r) => r.replace(/^[-*•\d.)\s]+/, "").trim())
    .filter(Boolean);
}

export function applyHouseRules(result: RefinedPrompt, input: RefineInput): RefinedPrompt {
  const rules = input.houseRules;
  if (!rules?.text.trim()) return result;
  const label = `House rules v${rules.version}`;
  const all = splitRules(rules.text);
  const bans = all.flatMap(bannedTerms);
  const others = all.filter((r) => bannedTerms(r).length === 0);
  const notes: string[] = [];
  let negativePrompt = result.negativePrompt;
  if (bans.length > 0 && input.dialect === "tags") {
    const before = negativePrompt ? negativePrompt.split(/\s*,\s*/).filter(Boolean) : [];
    negativePrompt = mergeNegative(before, bans, result.prompt);
    const added = bans.filter((b) => !before.some((x) => x.toLowerCase() === b.toLowerCase()));
    const kept = added.filter((b) =>
      negativePrompt
        ?.toLowerCase()
        .split(/\s*,\s*/)
        .includes(b.toLowerCase()),
    );
    if (kept.length > 0) notes.push(`${label}: kept out ${kept.map((k) => `"${k}"`).join(", ")} (negative prompt).`);
  } else if (bans.length > 0) {
    notes.push(`${label}: prose has no negative prompt, so the offline refiner could not apply the "no …" rules.`);
  }
  if (others.length > 0) {
    notes.push(`${label}: the offline refiner cannot follow free-text rules; a chat model refiner does.`);
  }
  const parts =
    negativePrompt && negativePrompt !== result.negativePrompt
      ? { ...result.parts, negative: negativePrompt }
      : result.parts;
  return { ...result, negativePrompt, parts, notes: [...result.notes, ...notes] };
}
