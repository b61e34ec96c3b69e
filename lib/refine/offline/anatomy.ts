import type { Dialect } from "@/lib/schemas/common";
import type { PromptParts } from "@/lib/schemas/entities";
import { locateText, resolveParts } from "../anatomy";
import type { IdeaAnalysis } from "./analyze";
import { finishList, joined } from "./compose-prose";
import { tagsOf } from "./compose-tags";
import { withArticle } from "./english";
import type { PartRole } from "./parts";
import type { Plan } from "./plan";
import { formatTag, tagRun } from "./tags";
import { DETERMINERS, hasPhrase, PREPOSITIONS, phraseRegExp } from "./words";

/**
 * The anatomy of a first version, read off the plan it was composed from: the idea's opening
 * split into subject and setting, and each added part as the prompt spells it.
 */

function firstMatch(text: string, phrase: string, from = 0): number {
  const re = phraseRegExp(phrase, "gi");
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : -1;
}

/** Moves back over glue words before `at` ("a lighthouse| on a |cliff"): where the phrase really starts. */
function backOverGlue(text: string, at: number): number {
  let start = at;
  for (;;) {
    const m = /([\p{L}']+)\s+$/u.exec(text.slice(0, start));
    if (!m?.[1]) return start;
    const word = m[1].toLowerCase();
    if (!DETERMINERS.has(word) && !PREPOSITIONS.has(word)) return start;
    start = m.index;
  }
}

function clauseEnd(text: string, from: number): number {
  const comma = text.indexOf(",", from);
  return comma < 0 ? text.length : comma;
}

function trimPiece(text: string): string | undefined {
  const t = text.replace(/^[\s,;]+|[\s,;]+$/g, "");
  return /[\p{L}\p{N}]/u.test(t) ? t : undefined;
}

/** "A lighthouse on a cliff at dusk" → subject "A lighthouse", setting "on a cliff at dusk". */
export function splitLead(lead: string, analysis: IdeaAnalysis): { subject?: string; setting?: string } {
  const { subject, place } = analysis;
  const subjectAt = subject ? firstMatch(lead, subject.head) : -1;
  if (!place) return { subject: trimPiece(lead.slice(0, clauseEnd(lead, Math.max(0, subjectAt)))) };
  const subjectFirst =
    subject !== undefined &&
    subjectAt >= 0 &&
    (subject.clause < place.clause || (subject.clause === place.clause && subject.start < place.start));
  const placeAt = firstMatch(lead, place.phrase, subjectFirst ? subjectAt + subject.head.length : 0);
  if (placeAt < 0) return { subject: trimPiece(lead.slice(0, clauseEnd(lead, Math.max(0, subjectAt)))) };
  const settingStart = backOverGlue(lead, placeAt);
  if (subjectFirst) {
    return {
      subject: trimPiece(lead.slice(0, settingStart)),
      setting: trimPiece(lead.slice(settingStart, clauseEnd(lead, placeAt))),
    };
  }
  if (subject && subjectAt > placeAt) {
    const subjectStart = backOverGlue(lead, subjectAt);
    return {
      setting: trimPiece(lead.slice(0, subjectStart)),
      subject: trimPiece(lead.slice(subjectStart, clauseEnd(lead, subjectAt))),
    };
  }
  return { setting: trimPiece(lead.slice(settingStart, clauseEnd(lead, placeAt))) };
}

function proseParts(plan: Plan, prompt: string): Partial<Record<keyof PromptParts, string>> {
  const { parts, analysis } = plan;
  const { subject, setting } = splitLead(plan.lead.text, analysis);
  const medium = parts.medium?.[0]
    ? (locateText(prompt, withArticle(joined(parts.medium) as string)) ?? joined(parts.medium))
    : analysis.medium?.name;
  const hues = joined(parts.palette);
  const extra = joined(parts.paletteExtra);
  const palette = hues && extra ? (locateText(prompt, `${hues}, ${extra}`) ?? hues) : (hues ?? extra);
  const composition =
    joined(parts.composition) ?? analysis.framing?.aliases.find((a) => hasPhrase(prompt, a)) ?? undefined;
  return {
    subject,
    setting,
    medium,
    lighting: joined(parts.lighting),
    composition,
    palette,
    details: finishList(plan),
  };
}

function tagParts(plan: Plan, prompt: string): Partial<Record<keyof PromptParts, string>> {
  const { parts, analysis, lead } = plan;
  const run = (...roles: PartRole[]) =>
    tagRun(
      prompt,
      roles.flatMap((r) => tagsOf(r, parts[r] ?? []).map(formatTag)),
    );
  const subjectTag = lead.tags.find((t) => t.weight === 1.2) ?? lead.tags[0];
  const placeHead = analysis.place?.head;
  const settingTag = placeHead
    ? (lead.tags.find((t) => t !== subjectTag && hasPhrase(t.text, placeHead)) ??
      (subjectTag && hasPhrase(subjectTag.text, placeHead) && !analysis.subject ? subjectTag : undefined))
    : undefined;
  const subject = analysis.subject || settingTag !== subjectTag ? subjectTag : undefined;
  return {
    subject: subject ? tagRun(prompt, [formatTag(subject)]) : undefined,
    setting: settingTag ? tagRun(prompt, [formatTag(settingTag)]) : undefined,
    medium: run("medium") ?? (analysis.medium ? locateText(prompt, analysis.medium.name) : undefined),
    lighting: run("lighting"),
    composition: run("composition"),
    palette: run("palette", "paletteExtra"),
    details: run("detail"),
  };
}

/** Each part of a freshly composed prompt, as a substring of it (the negative of the negative prompt). */
export function planParts(
  plan: Plan,
  prompt: string,
  dialect: Dialect,
  negativePrompt: string | undefined,
): PromptParts {
  const raw = dialect === "tags" ? tagParts(plan, prompt) : proseParts(plan, prompt);
  return resolveParts({ ...raw, negative: negativePrompt }, prompt, negativePrompt);
}
