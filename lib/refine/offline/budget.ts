import type { PromptBudget } from "../types";
import { estimateT5Tokens } from "@/lib/tokens/t5-estimate";
import { approxClipTokens } from "./clip-tokens";
import { DROP_ORDER, type PartRole } from "./parts";
import type { Plan } from "./plan";

/** True when the text fits every limit the backend gave. */
export function withinBudget(text: string, budget: PromptBudget | undefined): boolean {
  if (!budget) return true;
  if (budget.maxChars !== undefined && text.length > budget.maxChars) return false;
  const count = budget.countTokens ?? (budget.tokenizer === "t5" ? estimateT5Tokens : approxClipTokens);
  if (budget.maxTokens !== undefined && count(text) > budget.maxTokens) return false;
  return true;
}

/**
 * Trims additions, least important first and one phrase at a time, until the composed prompt
 * fits. The idea's own words live in the lead, never in a part, so they always survive; if
 * they alone are over the budget, the result is the idea with nothing added.
 */
export function fitPlan(
  plan: Plan,
  compose: (plan: Plan) => string,
  budget: PromptBudget | undefined,
): { plan: Plan; text: string; trimmed: PartRole[] } {
  const parts = Object.fromEntries(Object.entries(plan.parts).map(([role, list]) => [role, [...list]]));
  let current: Plan = { ...plan, parts };
  let text = compose(current);
  const trimmed: PartRole[] = [];
  while (!withinBudget(text, budget)) {
    const role = DROP_ORDER.find((r) => (current.parts[r]?.length ?? 0) > 0);
    if (!role) break;
    const list = current.parts[role] ?? [];
    list.pop();
    if (list.length === 0) delete current.parts[role];
    if (!trimmed.includes(role)) trimmed.push(role);
    current = { ...current };
    text = compose(current);
  }
  return { plan: current, text, trimmed };
}
