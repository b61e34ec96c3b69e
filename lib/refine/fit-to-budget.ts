import type { Dialect } from "@/lib/schemas/common";
import type { PartName } from "@/lib/schemas/entities";
import { resolveParts } from "./anatomy";
import { withinBudget } from "./offline/budget";
import { parseDoc } from "./offline/edits/doc";
import { attachParts } from "./offline/edits/doc-parts";
import { fitDoc } from "./offline/edits/fit-doc";
import { maskQuotes } from "./offline/quotes";
import { contentWords } from "./offline/words";
import type { PromptBudget, RefinedPrompt } from "./types";

/**
 * Models miscount characters. A prompt over the backend's limit would be rejected later, far
 * from its cause, so it is cut here at the last clause boundary that fits, and the cut noted.
 */
export function fitToCharBudget(prompt: string, maxChars: number | undefined): { prompt: string; cut: boolean } {
  if (!maxChars || prompt.length <= maxChars) return { prompt, cut: false };
  const head = prompt.slice(0, maxChars);
  const boundary = Math.max(head.lastIndexOf(". "), head.lastIndexOf(", "), head.lastIndexOf("; "));
  // A boundary too near the start would throw away most of the prompt; a word break will do.
  const at = boundary >= maxChars * 0.6 ? boundary + 1 : head.lastIndexOf(" ");
  const cut = (at > 0 ? head.slice(0, at) : head).replace(/[\s,;]+$/, "");
  return { prompt: cut, cut: true };
}

export type FitContext = {
  idea: string;
  instruction?: string;
  dialect: Dialect;
  /** Parts that must stay word for word (the refined prompt already holds their locked text). */
  locks?: readonly PartName[];
  budget?: PromptBudget;
};

/** The limit a prompt breaks, in words for a note ("75 CLIP tokens", "512 T5 tokens (estimated)"). */
function limitWords(prompt: string, budget: PromptBudget): string {
  const tokens = budget.maxTokens !== undefined && !withinBudget(prompt, { ...budget, maxChars: undefined });
  const unit = budget.tokenizer === "t5" ? "T5 tokens (estimated)" : "CLIP tokens";
  return tokens ? `${budget.maxTokens} ${unit}` : `${budget.maxChars} characters`;
}

/**
 * A chat model's prompt over the backend's budget, shortened the way the offline refiner
 * shortens its own: counted with the backend's token counter, then whole clauses (or tags)
 * dropped least important first by the offline refiner's fitDoc. Locked parts, quoted
 * lettering and the clauses that alone carry a word of the idea or the instruction stay.
 * Only if that is still over the character limit (which the backend would reject) is the
 * prompt cut at a clause boundary.
 */
export function fitRefinedToBudget(refined: RefinedPrompt, ctx: FitContext): RefinedPrompt {
  const { budget } = ctx;
  if (!budget || withinBudget(refined.prompt, budget)) return refined;
  const limit = limitWords(refined.prompt, budget);

  const quotes = maskQuotes(refined.prompt, true);
  const doc = parseDoc(quotes.masked, ctx.dialect, contentWords(`${ctx.idea} ${ctx.instruction ?? ""}`));
  const maskedParts = Object.fromEntries(Object.entries(refined.parts).map(([n, t]) => [n, t && quotes.mask(t)]));
  attachParts(doc, quotes.masked, maskedParts, new Set(ctx.locks ?? []));
  // Quoted lettering must reach the image exactly, so no clause holding some is dropped.
  for (const group of doc.groups) for (const seg of group) if (seg.text.includes("\uE000")) seg.frozen = true;
  const fitted = fitDoc(doc, budget, quotes.restore);

  let prompt = fitted.dropped.length > 0 ? quotes.restore(fitted.text) : refined.prompt;
  prompt = fitToCharBudget(prompt, budget.maxChars).prompt;
  const notes = [...refined.notes];
  if (prompt !== refined.prompt) notes.push(`Shortened to fit the backend's limit of ${limit}.`);
  if (!withinBudget(prompt, budget)) {
    notes.push(`Over the backend's limit of ${limit}: the idea's own words and the locked parts alone are longer.`);
  }
  return { ...refined, prompt, notes, parts: resolveParts(refined.parts, prompt, refined.negativePrompt) };
}
