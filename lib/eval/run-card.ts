import type { Refiner } from "@/lib/refine/types";
import type { EvalIdea } from "./idea-set";
import { type Choice, combineOrders } from "./judge";
import {
  type EvalItem,
  type EvalSummary,
  type EvalTarget,
  type RefinedWithChecks,
  failedIdea,
  scoreIdea,
  summarize,
} from "./score";

/** Asks the judge once: which of prompts A and B would a designer rather send for this idea. */
export type AskJudge = (idea: string, a: string, b: string, signal: AbortSignal) => Promise<Choice | null>;

export type ReportCard = { summary: EvalSummary; items: EvalItem[] };

export type RunCardOptions = {
  refiner: Refiner;
  ideas: readonly EvalIdea[];
  target: EvalTarget;
  judge?: AskJudge;
  signal?: AbortSignal;
  /** Ideas refined at once (a chat server is slow one at a time; the offline refiner does not care). */
  concurrency?: number;
  onItem?: (item: EvalItem, index: number) => void;
};

async function runOne(entry: EvalIdea, opts: RunCardOptions, signal: AbortSignal): Promise<EvalItem> {
  let item: EvalItem;
  try {
    const refined = (await opts.refiner.refine(
      { idea: entry.idea, dialect: opts.target.dialect, budget: opts.target.budget, style: null },
      { signal },
    )) as RefinedWithChecks;
    item = scoreIdea(entry, refined, opts.target);
  } catch (e) {
    return failedIdea(entry, e instanceof Error ? e.message : String(e));
  }
  if (opts.judge) {
    const first = await opts.judge(entry.idea, item.prompt, entry.idea, signal).catch(() => null);
    const second = await opts.judge(entry.idea, entry.idea, item.prompt, signal).catch(() => null);
    item.judge = combineOrders(first, second);
  }
  return item;
}

/** Runs every idea through the refiner and scores it; the items keep the set's order. */
export async function runCard(opts: RunCardOptions): Promise<ReportCard> {
  const signal = opts.signal ?? new AbortController().signal;
  const items: EvalItem[] = new Array(opts.ideas.length);
  let next = 0;
  const worker = async () => {
    while (next < opts.ideas.length) {
      const index = next++;
      const item = await runOne(opts.ideas[index]!, opts, signal);
      items[index] = item;
      opts.onItem?.(item, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker));
  return { summary: summarize(items), items };
}
