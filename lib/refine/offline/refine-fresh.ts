import type { StyleId } from "@/lib/schemas/styles";
import { styleFor } from "@/lib/styles";
import type { RefineInput, RefinedPrompt } from "../types";
import { analyzeIdea } from "./analyze";
import { planParts } from "./anatomy";
import { fitPlan, withinBudget } from "./budget";
import { composeProse } from "./compose-prose";
import { composeTags } from "./compose-tags";
import { directPlan } from "./direction";
import { hashString } from "./hash";
import { verbatimLead } from "./lead";
import { OFFLINE_MODEL } from "./model";
import { buildNegative } from "./negative";
import { additionNotes, readingNote, trimmedNote } from "./notes";
import { buildPlan, type Plan } from "./plan";
import { quotedSpans } from "./quotes";
import { readSyntax, withParams } from "./syntax";
import { buildTitle } from "./title";
import { hasWord } from "./words";

/** A first version of a prompt, from the idea alone (plus the chosen style). */

export function seedFor(idea: string, style: StyleId | null | undefined): number {
  return hashString(`${idea.toLowerCase().replace(/\s+/g, " ").trim()}|${style ?? ""}`);
}

/** Any idea word the composition lost (it should not happen), put back after the opening. */
function keepEveryWord(plan: Plan, compose: (p: Plan) => string): { plan: Plan; putBack: string[] } {
  const text = compose(plan);
  const missing = [...new Set(plan.analysis.contentWords.filter((w) => !hasWord(text, w)))];
  if (missing.length === 0) return { plan, putBack: [] };
  const lead = { ...plan.lead, text: `${plan.lead.text}, ${missing.join(", ")}` };
  return { plan: { ...plan, lead }, putBack: missing };
}

/**
 * What became of the idea's own words, said truthfully: kept as typed, kept with a word added
 * inside the opening, or kept with some moved after it.
 */
function keptNotes(idea: string, plan: Plan, text: string, putBack: readonly string[]): string[] {
  const notes: string[] = [];
  const lost = plan.analysis.contentWords.filter((w) => !hasWord(text, w));
  if (plan.lead.verbatim) notes.push("Kept the idea exactly as typed, prompt syntax and all, and wrote around it.");
  else if (lost.length > 0) notes.push(`Left out of the prompt: ${[...new Set(lost)].join(", ")}.`);
  else if (plan.lead.epithet && plan.analysis.subject) {
    notes.push(
      `Kept every word of the idea, and added "${plan.lead.epithet}" before "${plan.analysis.subject.head}" to make the subject specific.`,
    );
  } else notes.push("Kept every word of the idea.");
  if (putBack.length > 0)
    notes.push(`Put ${putBack.map((w) => `"${w}"`).join(", ")} after the opening, where they fit.`);
  const quoted = quotedSpans(idea).map(([a, b]) => idea.slice(a, b));
  if (quoted.length > 0 && quoted.every((q) => text.includes(q))) {
    notes.push(`Kept the quoted text exactly: ${quoted.join(", ")}.`);
  }
  if (plan.analysis.repeats > 0) {
    const n = plan.analysis.repeats;
    notes.push(`The idea repeats itself (${n} passage${n === 1 ? "" : "s"} said again); each is said once.`);
  }
  return notes;
}

export function refineFresh(input: RefineInput): RefinedPrompt {
  // Prompt syntax and Midjourney parameters are kept as typed; the words beneath are read.
  const syntax = readSyntax(input.idea);
  const analysis = analyzeIdea(syntax.plain);
  const style = styleFor(input.style, input.ownStyle);
  const seed = seedFor(analysis.idea, input.style);
  const base = input.dialect === "tags" ? composeTags : composeProse;
  const compose = (p: Plan) => withParams(base(p), syntax.params);

  const built = buildPlan(analysis, style, seed);
  const typed = syntax.verbatim ? { ...built, lead: verbatimLead(syntax.body) } : built;
  const directed = directPlan(typed, input.direction);
  const { plan, putBack } = keepEveryWord(directed.plan, compose);
  const fitted = fitPlan(plan, compose, input.budget);

  const notes: string[] = [];
  const reading = readingNote(analysis);
  if (reading) notes.push(reading);
  if (style) notes.push(`Applied the ${style.label} style preset.`);
  if (directed.note) notes.push(directed.note);
  notes.push(...plan.kept);
  notes.push(...additionNotes(fitted.plan.parts, input.dialect, plan.lead.verbatim ? plan.lead.text : undefined));
  notes.push(...keptNotes(input.idea, plan, fitted.text, putBack));
  if (syntax.params) {
    notes.push(`Kept the Midjourney parameters "${syntax.params}" as typed, at the end where Midjourney reads them.`);
  }
  const trimmed = trimmedNote(fitted.trimmed);
  if (trimmed) notes.push(trimmed);
  if (!withinBudget(fitted.text, input.budget)) {
    notes.push("The idea alone is longer than the backend's budget, so it was kept whole with nothing added.");
  }

  let negativePrompt: string | undefined;
  if (input.dialect === "tags") {
    // A reimagined candidate guards against its own preset's defects, not the one asked for.
    const guard = fitted.plan.style ?? style;
    negativePrompt = buildNegative({
      style: guard,
      subjectKind: analysis.subject?.entry.kind,
      prompt: fitted.text,
      pixel: fitted.plan.family === "pixel",
      family: fitted.plan.family,
    });
    notes.push(`Wrote a negative prompt from ${guard ? `the ${guard.label} style and ` : ""}common defects.`);
  }
  const result: RefinedPrompt = {
    prompt: fitted.text,
    title: buildTitle(analysis),
    notes,
    model: OFFLINE_MODEL,
    parts: planParts(fitted.plan, fitted.text, input.dialect, negativePrompt),
  };
  if (negativePrompt !== undefined) result.negativePrompt = negativePrompt;
  return result;
}
