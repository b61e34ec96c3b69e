import type { PairwiseVerdict } from "./score";

/**
 * The pairwise judgement: a chat model sees the idea and two prompts, A and B, and says which one
 * a designer would rather send to an image model. It is asked twice with the order swapped, so a
 * model that favours whichever comes first cancels out. Pure: the call itself is the CLI's.
 */
export const JUDGE_SCHEMA = {
  name: "pairwise_prompt_choice",
  strict: true,
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["choice", "reason"],
    properties: {
      choice: { type: "string", enum: ["A", "B", "tie"] },
      reason: { type: "string" },
    },
  },
} as const;

export type JudgeMessages = { system: string; user: string };

export function judgeMessages(idea: string, a: string, b: string): JudgeMessages {
  return {
    system:
      "You are an art director. Given a person's idea for an image and two prompts for an image model, " +
      "say which prompt a designer would rather send to get the image the idea describes: faithful to every " +
      'demand of the idea (things, counts, colours, text, medium, time, place), clear and specific. Answer JSON: {"choice": "A" | "B" | "tie", "reason": "one sentence"}.',
    user: `Idea: ${idea}\n\nPrompt A:\n${a}\n\nPrompt B:\n${b}`,
  };
}

export type Choice = "A" | "B" | "tie";

/** The model's choice from its answer text, or null when the answer is no such JSON. */
export function parseChoice(content: string | null | undefined): Choice | null {
  if (!content) return null;
  try {
    const data = JSON.parse(content) as { choice?: unknown };
    return data.choice === "A" || data.choice === "B" || data.choice === "tie" ? data.choice : null;
  } catch {
    return null;
  }
}

/**
 * Both orders in one verdict. `first` had the refined prompt as A and the idea as B; `second`
 * the other way round.
 */
export function combineOrders(first: Choice | null, second: Choice | null): PairwiseVerdict {
  const verdict: PairwiseVerdict = { refinedWins: 0, ideaWins: 0, ties: 0, unparsed: 0 };
  const tally = (choice: Choice | null, refinedIs: "A" | "B") => {
    if (choice === null) verdict.unparsed++;
    else if (choice === "tie") verdict.ties++;
    else if (choice === refinedIs) verdict.refinedWins++;
    else verdict.ideaWins++;
  };
  tally(first, "A");
  tally(second, "B");
  return verdict;
}

/** Over all ideas: the refined prompt's share of the decided answers (ties count half). */
export function preferenceRate(verdicts: readonly PairwiseVerdict[]): {
  rate: number | null;
  asked: number;
  unparsed: number;
} {
  let wins = 0;
  let decided = 0;
  let asked = 0;
  let unparsed = 0;
  for (const v of verdicts) {
    wins += v.refinedWins + v.ties / 2;
    decided += v.refinedWins + v.ideaWins + v.ties;
    asked += v.refinedWins + v.ideaWins + v.ties + v.unparsed;
    unparsed += v.unparsed;
  }
  return { rate: decided === 0 ? null : wins / decided, asked, unparsed };
}
