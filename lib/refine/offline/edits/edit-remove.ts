import { tokenize } from "../tokens";
import { DETERMINERS, isContentWord, PREPOSITIONS, singular } from "../words";
import { type EditContext, quote } from "./context";
import { PART_WORDS } from "../../anatomy";
import { allSegments, everySegment } from "./doc";
import { removeSegment } from "./doc-ops";

/**
 * "remove the snow", "without people", "no text": the thing goes, with the little words that
 * held it ("in deep snow", "and a dog"), and in the tags dialect it joins the negative prompt.
 */

const JOINERS = new Set(["and", "or", "with", "plus"]);

/** Matches the target's words in order, each in singular or plural form. */
function findTarget(text: string, target: string): { start: number; end: number } | undefined {
  const tokens = tokenize(text);
  const want = tokenize(target).filter((t) => isContentWord(t.text) || tokenize(target).length === 1);
  if (want.length === 0) return undefined;
  for (let i = 0; i + want.length <= tokens.length; i++) {
    if (want.every((w, j) => tokens[i + j]?.key === w.key || singular(tokens[i + j]?.lower ?? "") === w.key)) {
      return { start: i, end: i + want.length };
    }
  }
  return undefined;
}

/** The text without the target and the glue that held it. */
export function cutPhrase(text: string, target: string): string | undefined {
  const tokens = tokenize(text);
  const hit = findTarget(text, target);
  if (!hit) return undefined;
  let from = hit.start;
  let to = hit.end;
  let adjectives = 0;
  while (from > 0) {
    const prev = tokens[from - 1];
    if (!prev) break;
    if (DETERMINERS.has(prev.lower)) {
      from--;
      continue;
    }
    if (PREPOSITIONS.has(prev.lower) || JOINERS.has(prev.lower)) {
      from--;
      break;
    }
    if (isContentWord(prev.text) && adjectives < 2) {
      adjectives++;
      from--;
      continue;
    }
    break;
  }
  // "cats and dogs" minus cats: take the joiner after instead of before.
  const before = tokens[from];
  const after = tokens[to];
  if (after && JOINERS.has(after.lower) && !(before && (JOINERS.has(before.lower) || PREPOSITIONS.has(before.lower))))
    to++;
  const startChar = tokens[from]?.start ?? 0;
  const endChar = tokens[to - 1]?.end ?? text.length;
  return `${text.slice(0, startChar)} ${text.slice(endChar)}`
    .replace(/\s+/g, " ")
    .replace(/^\s*[,;]\s*|\s*[,;]\s*$/g, "")
    .trim();
}

export function applyRemove(ctx: EditContext, rawTarget: string): void {
  const { doc } = ctx;
  const target = rawTarget.replace(/^(the|a|an|all|any|some|of)\s+/i, "").trim();
  const touched: string[] = [];
  for (const at of allSegments(doc)) {
    const cut = cutPhrase(at.seg.text, target);
    if (cut === undefined) continue;
    touched.push(at.seg.text);
    if (cut.split(/\s+/).some((w) => isContentWord(w))) at.seg.text = cut;
    else removeSegment(doc, at.seg);
  }
  if (doc.dialect === "tags" && !ctx.negative.some((n) => n.toLowerCase() === target.toLowerCase())) {
    ctx.negative.unshift(target);
  }
  const negative = doc.dialect === "tags" ? " and added it to the negative prompt" : "";
  const lockedIn = everySegment(doc).find((l) => l.seg.frozen && cutPhrase(l.seg.text, target) !== undefined)?.seg.part;
  if (lockedIn) {
    ctx.notes.push(`${quote(target)} is in the locked ${PART_WORDS[lockedIn]}, so it stayed there word for word.`);
  }
  ctx.notes.push(
    touched.length > 0
      ? `Removed ${quote(target)} (from ${touched.map(quote).join(", ")})${negative}.`
      : `Found nothing named ${quote(target)} to remove${negative ? `, so only added it to the negative prompt` : ""}.`,
  );
}
