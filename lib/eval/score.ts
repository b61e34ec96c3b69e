import type { PromptBudget, RefinedPrompt } from "@/lib/refine/types";
import type { CheckItem } from "@/lib/schemas/checks";
import { type Contradiction, contradictions } from "./contradictions";
import { checklistCoverage } from "./demands";
import { numbersKept } from "./numbers";
import { partsFilled } from "./parts-filled";
import { quotedKept } from "./quotes";
import { wordsKept } from "./words-kept";

/** A refined prompt, with the checklist the refiners are gaining (issue 11): absent means none. */
export type RefinedWithChecks = RefinedPrompt & { checks?: readonly CheckItem[] };

/** Where the prompt is going: its budget and how its tokens are counted. */
export type EvalTarget = { id: string; label: string; dialect: "prose" | "tags"; budget: PromptBudget };

/**
 * One idea's row of the card. Fractions are 0..1, or null when the idea gives nothing to measure
 * (no quotes, no numbers, no demands) so an average is not flattered by empty rows.
 */
export type EvalItem = {
  idea: string;
  category: string;
  prompt: string;
  wordsKept: number | null;
  quotedKept: number | null;
  numbersKept: number | null;
  contradictions: number;
  withinBudget: boolean;
  tokens: number | null;
  partsFilled: number;
  checklistCoverage: number | null;
  missing: { words: string[]; quoted: string[]; numbers: number[]; demands: string[] };
  contradictionsFound: Contradiction[];
  error?: string;
  judge?: PairwiseVerdict;
};

/** Pairwise judgement of one idea: which prompt a designer would rather send, asked both ways. */
export type PairwiseVerdict = { refinedWins: number; ideaWins: number; ties: number; unparsed: number };

const ratio = (kept: number, total: number): number | null => (total === 0 ? null : kept / total);

export function scoreIdea(
  entry: { idea: string; category: string },
  refined: RefinedWithChecks,
  target: EvalTarget,
): EvalItem {
  const { idea } = entry;
  const prompt = refined.prompt;
  const words = wordsKept(idea, prompt);
  const quoted = quotedKept(idea, prompt);
  const numbers = numbersKept(idea, prompt);
  const found = contradictions(idea, prompt);
  const parts = partsFilled(refined.parts);
  const coverage = checklistCoverage(idea, refined.checks);
  const { budget } = target;
  const tokens = budget.maxTokens !== undefined && budget.countTokens ? budget.countTokens(prompt) : null;
  const within =
    (budget.maxChars === undefined || prompt.length <= budget.maxChars) &&
    (budget.maxTokens === undefined || tokens === null || tokens <= budget.maxTokens);
  return {
    idea,
    category: entry.category,
    prompt,
    wordsKept: ratio(words.kept, words.total),
    quotedKept: ratio(quoted.kept, quoted.total),
    numbersKept: ratio(numbers.kept, numbers.total),
    contradictions: found.length,
    withinBudget: within,
    tokens,
    partsFilled: parts.filled / parts.total,
    // A checklist that is missing entirely covers nothing (0), not "nothing to measure".
    checklistCoverage: coverage.total === 0 ? null : coverage.covered / coverage.total,
    missing: { words: words.missing, quoted: quoted.missing, numbers: numbers.missing, demands: coverage.missing },
    contradictionsFound: found,
  };
}

/** A row for an idea the refiner failed on: everything lost, so a failure never looks like a pass. */
export function failedIdea(entry: { idea: string; category: string }, error: string): EvalItem {
  const empty = scoreIdea(
    entry,
    { prompt: "", title: "", notes: [], model: "", parts: {} },
    {
      id: "none",
      label: "none",
      dialect: "prose",
      budget: {},
    },
  );
  return { ...empty, withinBudget: false, error };
}

export type EvalSummary = {
  ideas: number;
  wordsKept: number;
  quotedKept: number;
  numbersKept: number;
  contradictions: number;
  withinBudget: number;
  partsFilled: number;
  checklistCoverage: number;
};

/** Mean over the ideas a figure applies to (1 when none does: nothing was there to lose). */
function mean(values: (number | null)[]): number {
  const real = values.filter((v): v is number => v !== null);
  return real.length === 0 ? 1 : real.reduce((a, b) => a + b, 0) / real.length;
}

export function summarize(items: readonly EvalItem[]): EvalSummary {
  return {
    ideas: items.length,
    wordsKept: mean(items.map((i) => i.wordsKept)),
    quotedKept: mean(items.map((i) => i.quotedKept)),
    numbersKept: mean(items.map((i) => i.numbersKept)),
    contradictions: items.reduce((n, i) => n + i.contradictions, 0),
    withinBudget: mean(items.map((i) => (i.withinBudget ? 1 : 0))),
    partsFilled: mean(items.map((i) => i.partsFilled)),
    // No idea with demands at all would be a strange set; 0 then, since nothing was covered.
    checklistCoverage: items.some((i) => i.checklistCoverage !== null)
      ? mean(items.map((i) => i.checklistCoverage))
      : 0,
  };
}
