import type { StyleId } from "@/lib/schemas/styles";
import { getStyle } from "@/lib/styles";
import type { RefineInput, RefinedPrompt } from "../types";
import { analyzeIdea } from "./analyze";
import { planParts } from "./anatomy";
import { fitPlan, withinBudget } from "./budget";
import { composeProse } from "./compose-prose";
import { composeTags } from "./compose-tags";
import { directPlan } from "./direction";
import { hashString } from "./hash";
import { OFFLINE_MODEL } from "./model";
import { buildNegative } from "./negative";
import { additionNotes, readingNote, trimmedNote } from "./notes";
import { buildPlan, type Plan } from "./plan";
import { buildTitle } from "./title";
import { hasWord } from "./words";

/** A first version of a prompt, from the idea alone (plus the chosen style). */

export function seedFor(idea: string, style: StyleId | null | undefined): number {
  return hashString(`${idea.toLowerCase().replace(/\s+/g, " ").trim()}|${style ?? ""}`);
}

/** Any idea word the composition lost (it should not happen), put back after the opening. */
function keepEveryWord(plan: Plan, compose: (p: Plan) => string): Plan {
  const text = compose(plan);
  const missing = plan.analysis.contentWords.filter((w) => !hasWord(text, w));
  if (missing.length === 0) return plan;
  const lead = { ...plan.lead, text: `${plan.lead.text}, ${[...new Set(missing)].join(", ")}` };
  return { ...plan, lead };
}

export function refineFresh(input: RefineInput): RefinedPrompt {
  const analysis = analyzeIdea(input.idea);
  const style = getStyle(input.style);
  const seed = seedFor(analysis.idea, input.style);
  const compose = input.dialect === "tags" ? composeTags : composeProse;

  const directed = directPlan(buildPlan(analysis, style, seed), input.direction);
  const plan = keepEveryWord(directed.plan, compose);
  const fitted = fitPlan(plan, compose, input.budget);

  const notes: string[] = [];
  const reading = readingNote(analysis);
  if (reading) notes.push(reading);
  if (style) notes.push(`Applied the ${style.label} style preset.`);
  if (directed.note) notes.push(directed.note);
  notes.push(...plan.kept);
  if (plan.lead.epithet && analysis.subject) {
    notes.push(`Added "${plan.lead.epithet}" before "${analysis.subject.head}" to make the subject specific.`);
  }
  notes.push(...additionNotes(fitted.plan.parts, input.dialect));
  notes.push("Kept every word of the idea.");
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
