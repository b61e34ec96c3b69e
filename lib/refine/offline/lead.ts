import type { IdeaAnalysis, IdeaClause } from "./analyze";
import { capitalize, withArticle } from "./english";
import { pick } from "./hash";
import type { Token } from "./tokens";
import { COLOR_WORDS } from "./vocab/colors";
import { MEDIUM_NAMES } from "./vocab/media";
import { placePreposition } from "./vocab/places";
import { SEASONS } from "./vocab/seasons";
import { TIMES } from "./vocab/times";
import { WEATHER } from "./vocab/weather";
import { DETERMINERS, isContentWord, isPlural, PREPOSITIONS } from "./words";

/**
 * The idea's own words, arranged as the opening of a prompt. Every content word stays in its
 * original form; we only add glue (an article, a preposition) and, where the idea left the
 * subject bare, one epithet ("a fox" → "a red fox").
 */
export type IdeaTag = { text: string; weight?: number };

export type Lead = {
  /** The prose opening, capitalised, without final punctuation. */
  text: string;
  /** Mood words that stood alone in the idea ("cozy"), to be said in the mood sentence. */
  moodText?: string;
  /** The idea as tags: the subject weighted, the rest as written. */
  tags: IdeaTag[];
  epithet?: string;
  /** The idea is prompt syntax or a tag list, kept exactly as typed: no capital, article or epithet. */
  verbatim?: true;
};

/** Epithet words that name a colour: never put beside colours the idea gives itself. */
const COLOUR_EPITHET = new Set([...COLOR_WORDS, "ginger", "tabby", "chestnut", "dapple", "snowy", "brindle"]);

function namesColour(epithet: string): boolean {
  return epithet
    .toLowerCase()
    .split(/[\s-]+/)
    .some((w) => COLOUR_EPITHET.has(w));
}

/** An idea typed as prompt syntax ("(masterpiece:1.2), 1girl, red hood") leads the prompt as typed. */
export function verbatimLead(body: string): Lead {
  return { text: body, tags: [{ text: body }], verbatim: true };
}

const NO_THE = new Set(["space", "underwater", "downtown", "orbit", "wilderness"]);
const TIME_IN_THE = new Set(["morning", "afternoon", "evening", "early", "late"]);
const MEDIUM_HEADS = new Set([
  ...MEDIUM_NAMES.map(([name]) => name.split(" ").pop() ?? name),
  "portrait",
  "scene",
  "view",
  "landscape",
  "still",
]);

const TIME_WORDS = new Set(TIMES.flatMap((t) => t.names).flatMap((n) => n.split(/[\s-]+/)));
const SEASON_WORDS = new Set([...SEASONS.flatMap((s) => s.names), "fall"]);
const WEATHER_WORDS = new Set(WEATHER.flatMap((w) => w.names).flatMap((n) => n.split(/[\s-]+/)));
const WEATHER_ADJECTIVES =
  /^(rainy|foggy|misty|hazy|stormy|snowy|windy|windswept|sunny|cloudy|overcast|cloudless|wintry|autumnal|rain-slicked)$/;
const PERIOD_NOUNS = /^(night|morning|evening|afternoon|day|nighttime|midnight)$/;

const CONTAINER =
  /\b(bowl|cup|mug|plate|glass|jar|basket|box|pile|stack|bunch|bouquet|pair|group|flock|herd|pack|swarm|school|family|crowd|handful|slice|loaf|pot|bottle|vase)$/i;

const NUMBER = /^(\d+|two|three|four|five|six|seven|eight|nine|ten|dozen|several|many|few|pair|couple)$/;

function stripArticle(text: string): string {
  return text.replace(/^(a|an|the)\s+/i, "");
}

/** "portrait of an " → "portrait": glue words at either end of a fragment are dropped. */
function trimGlue(text: string): string {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  while (parts.length > 0 && !isContentWord(parts[parts.length - 1] as string)) parts.pop();
  while (parts.length > 0 && !isContentWord(parts[0] as string)) parts.shift();
  return parts.join(" ");
}

/** "night" → "at night", "rainy night" → "on a rainy night", "heavy rain" → "in heavy rain"; adjectives alone → undefined. */
function atmospherePhrase(clause: IdeaClause): string | undefined {
  const first = clause.tokens[0];
  if (!first) return undefined;
  if (PREPOSITIONS.has(first.lower)) return clause.text;
  const content = clause.tokens.filter((t) => isContentWord(t.text));
  if (content.every((t) => WEATHER_ADJECTIVES.test(t.lower))) return undefined;
  const last = content[content.length - 1] as Token;
  const text = clause.text;
  if (TIME_WORDS.has(last.lower) || PERIOD_NOUNS.test(last.lower)) {
    const bare =
      content.length === 1 ||
      /^(golden|blue)$/.test(content[0]?.lower ?? "") ||
      /^(early|late|first)$/.test(content[0]?.lower ?? "");
    if (!bare && PERIOD_NOUNS.test(last.lower)) return `on ${withArticle(text)}`;
    if (TIME_IN_THE.has(content[0]?.lower ?? "") || /^(morning|afternoon|evening)$/.test(last.lower))
      return `in the ${text}`;
    return `at ${text}`;
  }
  if (SEASON_WORDS.has(last.lower)) return `in ${text}`;
  if (WEATHER_WORDS.has(last.lower)) return content.length === 1 ? `in the ${text}` : `in ${text}`;
  return `in ${text}`;
}

/** Puts "a"/"an" before a clause that opens on a bare singular noun ("fox in snow" → "a fox in snow"). */
function withOpeningArticle(clause: IdeaClause, analysis: IdeaAnalysis, index: number): string {
  const tokens = clause.tokens;
  const first = tokens[0];
  if (!first || DETERMINERS.has(first.lower) || PREPOSITIONS.has(first.lower) || /^\d/.test(first.text))
    return clause.text;
  if (first.possessive) return clause.text;
  let head: Token | undefined;
  let mass = false;
  const { subject, place } = analysis;
  // "portrait of an old fisherman", "minimalist logo of a cup": the noun before "of" is the head.
  const of = tokens.findIndex((t) => t.lower === "of");
  const beforeOf = of > 0 ? tokens[of - 1] : undefined;
  if (beforeOf && of <= 3 && MEDIUM_HEADS.has(beforeOf.lower)) head = beforeOf;
  else if (subject?.clause === index) head = tokens[subject.end - 1];
  else if (place?.clause === index) {
    head = tokens[place.end - 1];
    mass = place.entry.mass === true;
  }
  if (!head) head = tokens.find((t) => MEDIUM_HEADS.has(t.lower));
  if (!head || mass || isPlural(head.text)) return clause.text;
  const before = tokens.slice(0, tokens.indexOf(head));
  if (before.length > 3 || before.some((t) => !isContentWord(t.text) || t.possessive)) return clause.text;
  return withArticle(clause.text);
}

/** A clause that is only a place ("snow", "deep forest") after a subject reads as "in the snow". */
function placeAsPhrase(clause: IdeaClause, analysis: IdeaAnalysis, clauseIndex: number): string | undefined {
  const { place, subject } = analysis;
  if (!place || !subject || place.clause !== clauseIndex || subject.clause >= clauseIndex) return undefined;
  if (place.start !== 0 || place.end !== clause.tokens.length) return undefined;
  const prep = placePreposition(place.key, place.entry.kind);
  return NO_THE.has(place.key) ? `${prep} ${clause.text}` : `${prep} the ${clause.text}`;
}

function insertEpithet(clause: IdeaClause, analysis: IdeaAnalysis, epithet: string | undefined): string {
  const subject = analysis.subject;
  if (!epithet || !subject) return clause.text;
  const head = clause.tokens[subject.start];
  if (!head) return clause.text;
  return `${clause.text.slice(0, head.start)}${epithet} ${clause.text.slice(head.start)}`;
}

export function buildLead(analysis: IdeaAnalysis, seed: number): Lead {
  const { subject, clauses } = analysis;
  // "three cats, one orange, two grey": the idea's colours are the subject's; no other is added.
  const epithets = (subject && !subject.modified ? subject.entry.epithets : undefined)?.filter(
    (e) => analysis.colors.length === 0 || !namesColour(e),
  );
  const epithet = epithets && epithets.length > 0 ? pick(epithets, seed, "epithet") : undefined;

  const moodParts: string[] = [];
  const pieces: string[] = [];
  const trailing: string[] = [];
  const tags: IdeaTag[] = [];

  for (const [c, clause] of clauses.entries()) {
    if (clause.kind === "mood") {
      moodParts.push(clause.text);
      tags.push({ text: clause.text, weight: 1.1 });
      continue;
    }
    if (clause.kind === "atmosphere") {
      const phrase = atmospherePhrase(clause);
      if (phrase) trailing.push(phrase);
      else moodParts.push(clause.text);
      tags.push({ text: stripArticle(clause.text) });
      continue;
    }
    const isSubjectClause = subject?.clause === c;
    let text = isSubjectClause ? insertEpithet(clause, analysis, epithet) : clause.text;
    if (pieces.length === 0) {
      text = withOpeningArticle({ ...clause, text }, analysis, c);
      // An epithet may have changed which article the opening needs; fixArticles runs later.
    }
    const asPlace = placeAsPhrase(clause, analysis, c);
    if (asPlace) text = asPlace;
    const startsWithPreposition = PREPOSITIONS.has(clause.tokens[0]?.lower ?? "") || asPlace !== undefined;
    pieces.push(pieces.length > 0 && startsWithPreposition ? ` ${text}` : pieces.length > 0 ? `, ${text}` : text);

    if (isSubjectClause && subject) {
      // A count belongs with the subject tag: "(two kids:1.2)".
      const countToken = clause.tokens[subject.start - 1];
      const counted = countToken && NUMBER.test(countToken.lower) ? countToken : undefined;
      const tagStart = counted ?? clause.tokens[subject.start];
      const beforeText = trimGlue(clause.text.slice(0, tagStart?.start ?? 0));
      const endsWithOf = /\bof\s+(?:an?\s+|the\s+)?$/i.test(clause.text.slice(0, tagStart?.start ?? 0));
      const afterText = clause.text
        .slice(clause.tokens[subject.end - 1]?.end ?? clause.text.length)
        .trim()
        .replace(/^(and|,)\s+/i, "")
        .replace(/^(a|an|the)\s+/i, "");
      let subjectTag = epithet ? `${epithet} ${subject.phrase}` : subject.phrase;
      if (counted) subjectTag = `${counted.text} ${subjectTag}`;
      // "bowl of ramen", "bouquet of roses": the container belongs to the subject tag.
      const container = endsWithOf ? CONTAINER.exec(beforeText)?.[1] : undefined;
      if (container) {
        const rest = beforeText.slice(0, beforeText.length - container.length).trim();
        if (rest) tags.push({ text: rest });
        tags.push({ text: `${container} of ${subjectTag}`, weight: 1.2 });
      } else {
        if (beforeText) tags.push({ text: beforeText });
        tags.push({ text: subjectTag, weight: 1.2 });
      }
      if (afterText.split(/\s+/).some(isContentWord)) tags.push({ text: afterText });
    } else {
      // With no subject, the first scene is what the picture is of: weight it like one.
      const main = !subject && !tags.some((t) => t.weight === 1.2);
      tags.push({ text: stripArticle(asPlace ?? clause.text), ...(main ? { weight: 1.2 } : {}) });
    }
  }

  let moodText = moodParts.length > 0 ? moodParts.join(" and ") : undefined;
  let text = pieces.join("");
  if (!text) {
    // Nothing but mood words ("cozy"): the mood becomes the scene.
    text = withArticle(`${moodText ?? "quiet"} scene`);
    moodText = undefined;
  }
  if (trailing.length > 0) text = `${text} ${trailing.join(" ")}`;
  return { text: capitalize(text), moodText, tags, epithet };
}
