import { type Token, tokenize } from "../tokens";
import { DETERMINERS, isContentWord, PREPOSITIONS, singular } from "../words";

/** Word-level pieces of a cut: where a thing starts and ends, and the glue left around it. */

export const JOINERS = new Set(["and", "or", "with", "plus"]);

/** Words that say what a thing is doing or how it is ("rising", "asleep"): they go with the thing. */
export function isParticiple(t: Token | undefined): boolean {
  if (!t) return false;
  if (/^(asleep|awake|alone|aloft|afloat|adrift|ablaze|alight|curled|perched|seated)$/.test(t.lower)) return true;
  return t.lower.length > 4 && t.lower.endsWith("ing") && isContentWord(t.text);
}

/** Matches the target's words in order, each in singular or plural form. */
export function findTarget(tokens: readonly Token[], target: string): { start: number; end: number } | undefined {
  const all = tokenize(target);
  const want = all.filter((t) => isContentWord(t.text) || all.length === 1);
  if (want.length === 0) return undefined;
  for (let i = 0; i + want.length <= tokens.length; i++) {
    if (want.every((w, j) => tokens[i + j]?.key === w.key || singular(tokens[i + j]?.lower ?? "") === w.key)) {
      return { start: i, end: i + want.length };
    }
  }
  return undefined;
}

/** Prepositions that say where a thing rests: "asleep on a windowsill". */
const LOCATIVE = new Set("on in at by under beside near inside upon atop beneath".split(" "));

/**
 * "a cat asleep on a windowsill" without the cat: the place is left empty, and said so, rather
 * than "a watercolor on a windowsill". Returns the token after the place's article, or -1.
 */
export function emptyPlaceAfter(tokens: readonly Token[], at: number): number {
  const prep = tokens[at];
  const det = tokens[at + 1];
  return prep && det && tokens[at + 2] && LOCATIVE.has(prep.lower) && /^(a|an|the)$/.test(det.lower) ? at + 2 : -1;
}

/** The place a removed thing rested on, said empty: "an empty" before "windowsill". */
export const EMPTY = "an empty";

/**
 * Glue left at an end the cut reached ("rising from a cup" once the steam before it is gone);
 * an end the cut did not touch keeps its own words ("in a forest" stays "in a forest").
 */
export function trimGlue(text: string, atStart: boolean, atEnd: boolean, head: boolean): string {
  let out = text.replace(/^[\s,;]+|[\s,;]+$/g, "");
  for (;;) {
    const tokens = tokenize(out);
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    // A preposition stays unless the clause was about the removed thing ("Steam over a cup").
    const leading =
      first && ((head && PREPOSITIONS.has(first.lower)) || JOINERS.has(first.lower) || isParticiple(first));
    if (atStart && leading && tokens.length > 1) {
      out = out.slice(tokens[1]?.start ?? out.length);
      continue;
    }
    const trailing = last && (PREPOSITIONS.has(last.lower) || JOINERS.has(last.lower) || DETERMINERS.has(last.lower));
    if (atEnd && trailing) {
      out = out.slice(0, last.start);
      continue;
    }
    return out.replace(/^[\s,;]+|[\s,;]+$/g, "").trim();
  }
}
