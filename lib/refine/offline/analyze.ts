import { cleanIdea } from "./clean-idea";
import { blankQuotes, splitOutsideQuotes } from "./quotes";
import { readShot, type Shot } from "./shot";
import { matchAt, type Token, tokenize } from "./tokens";
import { COLOR_WORDS } from "./vocab/colors";
import { type FramingEntry, findFraming } from "./vocab/framing";
import { findLight, findMedium, type MediumFamily } from "./vocab/media";
import { type MoodEntry, moodFor } from "./vocab/moods";
import { PLACES, type PlaceEntry } from "./vocab/places";
import { findSeason, SEASONS, type SeasonEntry } from "./vocab/seasons";
import { type Genre, SUBJECTS, type SubjectEntry } from "./vocab/subjects";
import { findTime, TIMES, type TimeEntry } from "./vocab/times";
import { findWeather, WEATHER, type WeatherEntry } from "./vocab/weather";
import { contentWords, DETERMINERS, isContentWord, PREPOSITIONS } from "./words";

/**
 * What an idea is about: its clauses, and which of them name the subject, the setting, the
 * mood and the atmosphere. "a fox in the snow, cozy" → subject fox, place snow, mood cozy.
 */

export type ClauseKind = "scene" | "mood" | "atmosphere";
export type IdeaClause = { text: string; tokens: Token[]; kind: ClauseKind };

type Span = { clause: number; start: number; end: number };
export type SubjectFound = Span & { key: string; entry: SubjectEntry; head: string; phrase: string; modified: boolean };
export type PlaceFound = Span & { key: string; entry: PlaceEntry; head: string; phrase: string };

export type IdeaAnalysis = {
  idea: string;
  clauses: IdeaClause[];
  /** The idea's content words as written: every one of them must survive into the prompt. */
  contentWords: string[];
  subject?: SubjectFound;
  place?: PlaceFound;
  moods: MoodEntry[];
  time?: TimeEntry;
  weather?: WeatherEntry;
  season?: SeasonEntry;
  medium?: { name: string; family: MediumFamily };
  light?: string;
  framing?: FramingEntry;
  /** A lens or camera the idea names ("85mm", "f/1.8", "macro lens"): the idea's own camera. */
  lens?: string;
  /** A product or studio shot against a backdrop: lit and framed as one, with no place around it. */
  studio?: boolean;
  /** Booru people tags ("1girl", "2boys"): the picture is of people even with no subject word we know. */
  people?: boolean;
  /** Colour words the idea says itself (outside quotes), in order: they are its palette. */
  colors: string[];
  /** The place is seen from outside ("above a diner door"), so it is framed and lit as a street. */
  outside?: boolean;
  /** Clauses said more than once in the idea (a paste repeated), dropped after their first time. */
  repeats: number;
  genre?: Genre;
  /** What the idea's words say about photo or flat media, minimalism and viewpoint. */
  shot: Shot;
};

const INTENSIFIERS = new Set(
  "slightly super extremely incredibly really so somewhat bit little deeply utterly totally".split(" "),
);

/** Words that can stand in an atmosphere clause beside a time, weather or season word. */
const ATMOSPHERE_MODIFIERS = new Set(
  "cold chilly crisp warm hot humid late early dark bright long gentle soft light heavy thick pouring driving first last".split(
    " ",
  ),
);

const ATMOSPHERE_WORDS: ReadonlySet<string> = new Set(
  [
    ...TIMES.flatMap((t) => t.names),
    ...WEATHER.flatMap((w) => w.names),
    ...SEASONS.flatMap((s) => s.names),
    "fall",
    "day",
    "days",
  ]
    .flatMap((n) => n.split(/[\s-]+/))
    .filter(isContentWord),
);

function classify(tokens: readonly Token[]): ClauseKind {
  const content = tokens.filter((t) => isContentWord(t.text));
  if (content.length === 0) return "scene";
  if (content.every((t) => moodFor(t.lower) !== undefined || INTENSIFIERS.has(t.lower))) return "mood";
  const atmospheric = content.filter((t) => ATMOSPHERE_WORDS.has(t.lower) || ATMOSPHERE_WORDS.has(t.key));
  if (atmospheric.length > 0 && content.every((t) => atmospheric.includes(t) || ATMOSPHERE_MODIFIERS.has(t.lower))) {
    return "atmosphere";
  }
  return "scene";
}

/** Adjectives and nouns just before a head noun, back to the first glue word: "tiny red" robot. */
function modifiersBefore(tokens: readonly Token[], start: number): number {
  let i = start;
  while (i > 0 && start - i < 3) {
    const prev = tokens[i - 1];
    if (!prev || !isContentWord(prev.text) || DETERMINERS.has(prev.lower) || PREPOSITIONS.has(prev.lower)) break;
    i--;
  }
  return i;
}

function spanText(tokens: readonly Token[], start: number, end: number): string {
  return tokens
    .slice(start, end)
    .map((t) => t.text)
    .join(" ");
}

const STYLE_AFTER = /^(illustrations?|art|artwork|style|drawing|painting)$/;

function findSubject(clauses: readonly IdeaClause[]): SubjectFound | undefined {
  for (const [c, clause] of clauses.entries()) {
    if (clause.kind !== "scene") continue;
    for (let i = 0; i < clause.tokens.length; i++) {
      const token = clause.tokens[i] as Token;
      if (token.possessive || token.quoted) continue;
      const hit = matchAt(clause.tokens, i, SUBJECTS);
      if (!hit) continue;
      const end = i + hit.length;
      // "grandmother's kitchen": a possessive head is not the subject.
      if (clause.tokens[end - 1]?.possessive) continue;
      // "children's book illustration", "comic book art": the book names a style, not a thing drawn.
      if (STYLE_AFTER.test(clause.tokens[end]?.lower ?? "")) continue;
      const from = modifiersBefore(clause.tokens, i);
      return {
        clause: c,
        start: from,
        end,
        key: hit.key,
        entry: hit.entry,
        head: spanText(clause.tokens, i, end),
        phrase: spanText(clause.tokens, from, end),
        modified: from < i,
      };
    }
  }
  return undefined;
}

function findPlace(clauses: readonly IdeaClause[], subject: SubjectFound | undefined): PlaceFound | undefined {
  for (const [c, clause] of clauses.entries()) {
    if (clause.kind !== "scene") continue;
    for (let i = 0; i < clause.tokens.length; i++) {
      if (subject && subject.clause === c && i >= subject.start && i < subject.end) continue;
      if (clause.tokens[i]?.quoted) continue;
      const hit = matchAt(clause.tokens, i, PLACES);
      if (!hit) continue;
      const end = i + hit.length;
      const from = modifiersBefore(clause.tokens, i);
      return {
        clause: c,
        start: from,
        end,
        key: hit.key,
        entry: hit.entry,
        head: spanText(clause.tokens, i, end),
        phrase: spanText(clause.tokens, from, end),
      };
    }
  }
  return undefined;
}

function findGenre(idea: string, subject: SubjectFound | undefined, moods: readonly MoodEntry[]): Genre | undefined {
  if (subject?.entry.genre) return subject.entry.genre;
  if (moods.some((m) => m.key === "cyberpunk" || m.key === "futuristic")) return "scifi";
  if (/\b(fantasy|magic|magical|mythical|medieval|elven|enchanted|sorcery|dragons?)\b/i.test(idea)) return "fantasy";
  if (/\b(sci-fi|scifi|spaceship|alien|futuristic|robots?|mars|galaxy|nebula)\b/i.test(idea)) return "scifi";
  return undefined;
}

/** Words our vocabularies know, which are never names: a capital on them is only sentence case. */
function isKnownWord(lower: string, key: string): boolean {
  return (
    !isContentWord(lower) ||
    DETERMINERS.has(lower) ||
    SUBJECTS[key] !== undefined ||
    PLACES[key] !== undefined ||
    moodFor(lower) !== undefined ||
    ATMOSPHERE_WORDS.has(lower) ||
    findMedium(lower) !== undefined ||
    findFraming(lower) !== undefined
  );
}

/** "Fox in snow" → "fox in snow", but "Tokyo street" keeps its capital. */
function sentenceCaseOpening(text: string): string {
  const first = tokenize(text)[0];
  if (first?.start !== 0 || !/^\p{Lu}\p{Ll}/u.test(first.text)) return text;
  return isKnownWord(first.lower, first.key) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** Words after a place that put the viewer outside it: "a diner door", "the cafe's storefront". */
const OUTSIDE_AFTER =
  /^(doors?|doorway|doorstep|entrance|entry|facade|façade|storefront|shopfront|front|exterior|awning|porch|stoop|steps|marquee|sign|signs|signage|parking)$/;
/** Words before a place that do the same: "outside the bar", "in front of the cafe". */
const OUTSIDE_BEFORE =
  /\b(outside|exterior of|in front of|front of|facade of|façade of|storefront of)\s+(?:(?:the|a|an|an old|this)\s+)?$/i;

function seenFromOutside(clauses: readonly IdeaClause[], place: PlaceFound | undefined): boolean {
  if (place?.entry.kind !== "interior") return false;
  const clause = clauses[place.clause];
  if (!clause) return false;
  const after = clause.tokens[place.end];
  if (after && OUTSIDE_AFTER.test(after.lower)) return true;
  const headStart = clause.tokens[place.start]?.start ?? 0;
  return OUTSIDE_BEFORE.test(clause.text.slice(0, headStart));
}

const LENS =
  /(?<![\w.])(\d{2,3}\s?mm(?:\s+lens)?|f\/\d+(?:\.\d+)?|(?:macro|telephoto|fisheye|fish-eye|tilt-shift|wide-angle|prime|anamorphic|zoom)\s+lens)(?![\w-])/i;
const STUDIO =
  /(?<![\w-])(backdrop|seamless|studio shot|studio photo|(?:white|black|grey|gray|photo|photography|product|seamless|clean|bright|dark|minimal) studio|product shot|product photo|product photography|packshot|white background|plain background|isolated on)(?![\w-])/i;
const PEOPLE_TAGS = /(?<![\p{L}\p{N}])\d+(?:girl|boy|other)s?(?![\p{L}\p{N}])/iu;

/** Drops clauses said before (case and spacing aside), and a cut-off last clause that only repeats the start of one. */
function dropRepeats(clauses: IdeaClause[]): { kept: IdeaClause[]; dropped: number } {
  const seen = new Set<string>();
  const kept: IdeaClause[] = [];
  const key = (c: IdeaClause) => c.text.toLowerCase().replace(/\s+/g, " ");
  for (const clause of clauses) {
    if (seen.has(key(clause))) continue;
    seen.add(key(clause));
    kept.push(clause);
  }
  const last = kept[kept.length - 1];
  if (last && kept.length > 1 && kept.length < clauses.length) {
    const k = key(last);
    if (kept.slice(0, -1).some((c) => key(c).startsWith(k))) kept.pop();
  }
  return { kept, dropped: clauses.length - kept.length };
}

export function analyzeIdea(raw: string): IdeaAnalysis {
  const idea = cleanIdea(raw);
  const split: IdeaClause[] = splitOutsideQuotes(idea, /\s*[,;:.!?\n]+\s*|\s+[-–—]+\s+/)
    .map((text) => text.trim())
    .filter((text) => /[\p{L}\p{N}]/u.test(text))
    .map(sentenceCaseOpening)
    .map((text) => {
      const tokens = tokenize(text);
      return { text, tokens, kind: classify(tokens) };
    });
  const { kept: clauses, dropped: repeats } = dropRepeats(split);
  // An idea made only of moods or atmosphere is still the scene itself.
  if (!clauses.some((c) => c.kind === "scene")) {
    const first = clauses.find((c) => c.kind === "atmosphere");
    if (first) first.kind = "scene";
  }

  const subject = findSubject(clauses);
  const found = findPlace(clauses, subject);
  const outside = seenFromOutside(clauses, found);
  // Seen from outside, a diner is a frontage on a street: none of its interior is in the picture.
  const place: PlaceFound | undefined = found && outside ? { ...found, entry: { kind: "urban" } } : found;
  const moods: MoodEntry[] = [];
  // A mood said on its own ("..., eerie") outranks one that only describes a thing ("a lonely lighthouse").
  const byEmphasis = [...clauses.filter((c) => c.kind === "mood"), ...clauses.filter((c) => c.kind !== "mood")];
  for (const clause of byEmphasis) {
    for (const token of clause.tokens) {
      if (token.quoted) continue;
      const mood = moodFor(token.lower);
      if (mood && !moods.includes(mood)) moods.push(mood);
    }
  }

  // Lettering in quotes is shown, not read: "a sign that says "RAIN"" is not rainy.
  const readable = blankQuotes(idea);
  const colors = [
    ...new Set(
      // "golden hour" and "blue hour" are times of day, not colours.
      contentWords(readable.toLowerCase().replace(/\b(golden|blue)[\s-]hour\b/g, " "))
        .flatMap((w) => w.split("-"))
        .filter((w) => COLOR_WORDS.has(w)),
    ),
  ];
  const lens = LENS.exec(readable)?.[1];
  const medium = findMedium(readable);
  return {
    idea,
    clauses,
    // Words of the clauses kept: a repeat said once, or a cut-off fragment dropped, owes nothing.
    contentWords: repeats > 0 ? contentWords(clauses.map((c) => c.text).join(" ")) : contentWords(idea),
    subject,
    place,
    moods,
    time: findTime(readable),
    weather: findWeather(readable),
    season: findSeason(readable),
    medium,
    light: findLight(readable),
    framing: findFraming(readable),
    ...(lens ? { lens } : {}),
    // "a studio portrait photograph": a photographer's studio, not a painter's.
    ...(STUDIO.test(readable) || (place?.key === "studio" && medium?.family === "photo") ? { studio: true } : {}),
    ...(PEOPLE_TAGS.test(readable) ? { people: true } : {}),
    colors,
    ...(outside ? { outside } : {}),
    repeats,
    genre: findGenre(readable, subject, moods),
    shot: readShot(readable, medium?.family),
  };
}
