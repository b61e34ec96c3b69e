import { numberValue } from "./numbers";
import { isStopWord, isUnspacedScript, stem, stemSet, tokenize } from "./text";

/** The idea's content words: not stop words, not numbers (numbers have their own figure). */
export function contentWords(idea: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(idea)) {
    if (isStopWord(token) || numberValue(token) !== undefined || /^\d/.test(token)) continue;
    if (token.length < 2 && !isUnspacedScript(token)) continue;
    if (!out.includes(token)) out.push(token);
  }
  return out;
}

export type WordsKept = { total: number; kept: number; missing: string[] };

/** How many of the idea's content words the prompt still has (same stem; a substring for unspaced scripts). */
export function wordsKept(idea: string, prompt: string): WordsKept {
  const words = contentWords(idea);
  const stems = stemSet(prompt);
  const lower = prompt.toLowerCase();
  const missing = words.filter((w) => !(stems.has(stem(w)) || (isUnspacedScript(w) && lower.includes(w))));
  return { total: words.length, kept: words.length - missing.length, missing };
}
