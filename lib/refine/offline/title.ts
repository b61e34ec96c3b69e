import { clipTitle } from "../title-text";
import type { IdeaAnalysis } from "./analyze";
import { titleCase } from "./english";
import { quotedSpans } from "./quotes";
import { placePreposition } from "./vocab/places";
import { hasPhrase, isContentWord } from "./words";

/**
 * A short Title Case title from the subject and setting, in the idea's own words: "Fox in the
 * Snow", "Old Fisherman", "Cyberpunk City at Night". At most 60 characters, cut at a word.
 */
const MAX = 60;
const MAX_WORDS = 7;
const COUNT = /^(\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)$/i;

function clip(text: string): string {
  return trimGlue(clipTitle(text, MAX));
}

/** Widens [start, end) of `text` so no quoted run is cut in two: "…says "OPEN 24 HOURS"" stays whole. */
function wholeQuotes(text: string, start: number, end: number): [number, number] {
  let a = start;
  let b = end;
  for (const [qa, qb] of quotedSpans(text)) {
    if (qa < a && a < qb) a = qa;
    if (qa < b && b < qb) b = qb;
  }
  return [a, b];
}

function trimGlue(text: string): string {
  const parts = text.split(/\s+/).filter(Boolean);
  while (parts.length > 1 && !isContentWord(parts[parts.length - 1] as string)) parts.pop();
  return parts.join(" ");
}

export function buildTitle(analysis: IdeaAnalysis): string {
  const { subject, place, time, clauses } = analysis;
  const anchor = subject ?? place;
  let title: string;
  if (anchor) {
    const clause = clauses[anchor.clause];
    const tokens = clause?.tokens ?? [];
    const before = tokens[anchor.start - 1];
    // A setting with no subject is titled from its clause's first word: "Moon over a Lake".
    const firstContent = tokens.findIndex((t) => isContentWord(t.text));
    const start =
      !subject && firstContent >= 0
        ? firstContent
        : before && COUNT.test(before.text)
          ? anchor.start - 1
          : anchor.start;
    // Reach the setting when it is in the same clause ("... in a 1950s diner"), within reason.
    const reach = subject && place && place.clause === subject.clause && place.end > start ? place.end - start : 0;
    const span = tokens.slice(start, start + (reach > 0 && reach <= MAX_WORDS + 3 ? reach : MAX_WORDS));
    const first = span[0];
    const last = span[span.length - 1];
    if (clause && first && last) {
      const [a, b] = wholeQuotes(clause.text, first.start, last.end);
      title = trimGlue(clause.text.slice(a, b));
    } else title = anchor.phrase;
    // The setting sits in another clause ("a fox, snow"): join it the way a person would.
    if (subject && place && place.clause !== subject.clause && !hasPhrase(title, place.head)) {
      const the = place.entry.mass && place.key !== "snow" ? "" : " the";
      title = `${title} ${placePreposition(place.key, place.entry.kind)}${the} ${place.phrase}`;
    }
    if (time && title.length < 40 && !time.names.some((n) => hasPhrase(title, n))) title = `${title} ${time.prep}`;
  } else {
    // Nothing we know by name: the first scene clause, as written ("Product Shot of a Pour-Over Dripper").
    const clause = clauses.find((c) => c.kind === "scene") ?? clauses[0];
    const tokens = (clause?.tokens ?? []).filter((t, i) => i > 0 || isContentWord(t.text));
    const first = tokens[0];
    const last = tokens[Math.min(tokens.length, MAX_WORDS) - 1];
    if (clause && first && last) {
      const [a, b] = wholeQuotes(clause.text, first.start, last.end);
      title = trimGlue(clause.text.slice(a, b));
    } else title = analysis.contentWords.slice(0, 6).join(" ");
  }
  return clip(titleCase(title.trim() || "Untitled idea"));
}
