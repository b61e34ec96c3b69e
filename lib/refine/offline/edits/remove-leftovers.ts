import { plainWords } from "../syntax";
import { type Token, tokenize } from "../tokens";
import { SUBJECTS, type SubjectEntry } from "../vocab/subjects";
import { isContentWord, PREPOSITIONS, singular } from "../words";
import { EMPTY, emptyPlaceAfter, findTarget, isParticiple, trimGlue } from "./cut-words";
import type { Doc, Segment } from "./doc";
import { removeSegment } from "./doc-ops";

/**
 * What a removal leaves behind and must tidy: a typed item that was only the thing, the idea's
 * words that only said what the thing was doing ("walking"), the place it rested on (now
 * empty), a lead-in with nothing left to lead ("Finished with").
 */

/** Whether a piece of prompt syntax is nothing but the thing: "forest", "(forest:1.2)", "red_hood" for "red hood". */
export function isOnly(seg: Segment, target: string): boolean {
  // A LoRA, a BREAK or a multi-prompt weight carries more than the thing: it stays.
  if (/<|::|(?:^|[\s,])BREAK(?=[\s,]|$)/.test(seg.text)) return false;
  const plain = tokenize(plainWords(seg.text));
  const hit = findTarget(plain, target);
  // The thing and the words before it that describe it ("red hood"), but nothing after it.
  return (
    hit !== undefined &&
    hit.end === plain.length &&
    plain.slice(0, hit.start).every((t) => isContentWord(t.text) && !PREPOSITIONS.has(t.lower))
  );
}

/**
 * Words of the idea that only said what the thing was doing ("people walking", "a cat asleep"):
 * in tags they stand alone ("walking"), so they must go with the thing.
 */
export function ideaParticiples(idea: string, target: string): string[] {
  const tokens = tokenize(idea);
  const hit = findTarget(tokens, target);
  const out: string[] = [];
  for (let i = hit?.end ?? tokens.length; isParticiple(tokens[i]); i++) out.push((tokens[i] as Token).lower);
  return out;
}

/**
 * The cut took a whole piece glued to the next ("of a sleek black cat asleep" + "on a
 * windowsill", split where the subject part ends): the place left behind is said empty,
 * "of an empty windowsill", as one clause would have read.
 */
export function emptyTheRest(doc: Doc, group: Segment[], seg: Segment): void {
  const i = group.indexOf(seg);
  const next = group[i + 1];
  if (!next || next.frozen || next.joinBefore !== " ") return;
  const tokens = tokenize(next.text);
  const place = emptyPlaceAfter(tokens, 0);
  const of = tokenize(seg.text)[0]?.lower === "of";
  if (place < 0 || !(of || (i === 0 && group === doc.groups[0]))) return;
  next.text = `${of ? "of " : ""}${EMPTY} ${next.text.slice((tokens[place] as Token).start)}`;
  next.joinBefore = seg.joinBefore;
}

/** A clause's lead-in ("Finished with", "Lit by") that has lost everything it introduced. */
export const LEAD_IN =
  /^(?:(?:finished|lit|rendered|captured|drawn|designed|shot|painted|bathed|framed|colou?red)\s+(?:with|by|as|in)|with)\b/i;

/** "Finished with" alone once its detail went: it leads the next piece instead, "Finished with subtle film grain". */
export function passLeadIns(doc: Doc): void {
  for (const group of doc.groups) {
    for (let i = group.length - 1; i >= 0; i--) {
      const seg = group[i] as Segment;
      // Only a lead-in that is all the segment says: "with steam rising" is a clause of its own.
      if (LEAD_IN.exec(seg.text)?.[0] !== seg.text.trim()) continue;
      const next = group[i + 1];
      if (next && !next.frozen && !LEAD_IN.test(next.text)) {
        next.text = `${seg.text} ${next.text}`;
        next.joinBefore = seg.joinBefore;
      }
      removeSegment(doc, seg);
    }
  }
}

/** "walking" goes; "asleep on a windowsill" keeps its place, empty: "empty windowsill". */
export function dropParticiple(
  seg: Segment,
  participles: readonly string[],
  dialect: string,
): "removed" | string | undefined {
  const tokens = tokenize(seg.text);
  const first = tokens[0];
  if (!first || !participles.includes(first.lower)) return undefined;
  const content = tokens.filter((t) => isContentWord(t.text));
  if (content.every((t) => participles.includes(t.lower))) return "removed";
  const place = emptyPlaceAfter(tokens, 1);
  if (place >= 0) {
    const rest = seg.text.slice((tokens[place] as Token).start);
    return dialect === "tags" ? `empty ${rest}` : `${EMPTY} ${rest}`;
  }
  return trimGlue(seg.text.slice(tokens[1]?.start ?? seg.text.length), true, false, true) || "removed";
}

/** The subjects the idea names other than the one removed. */
export function otherSubjects(ideaWords: readonly string[], target: string): SubjectEntry[] {
  const gone = new Set(tokenize(target).map((t) => t.key));
  return ideaWords.flatMap((w) => {
    const key = singular(w.toLowerCase());
    const entry = gone.has(key) ? undefined : SUBJECTS[key];
    return entry ? [entry] : [];
  });
}
