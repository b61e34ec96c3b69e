import { cleanIdea } from "./clean-idea";
import { matchAt, type Token, tokenize } from "./tokens";
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
  genre?: Genre;
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

function findSubject(clauses: readonly IdeaClause[]): SubjectFound | undefined {
  for (const [c, clause] of clauses.entries()) {
    if (clause.kind !== "scene") continue;
    for (let i = 0; i < clause.tokens.length; i++) {
      const token = clause.tokens[i] as Token;
      if (token.possessive) continue;
      const hit = matchAt(clause.tokens, i, SUBJECTS);
      if (!hit) continue;
      const end = i + hit.length;
      // "grandmother's kitchen": a possessive head is not the subject.
      if (clause.tokens[end - 1]?.possessive) continue;
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

export function analyzeIdea(raw: string): IdeaAnalysis {
  const idea = cleanIdea(raw);
  const clauses: IdeaClause[] = idea
    .split(/\s*[,;:.!?\n]+\s*|\s+[-–—]+\s+/)
    .map((text) => text.trim())
    .filter((text) => /[\p{L}\p{N}]/u.test(text))
    .map(sentenceCaseOpening)
    .map((text) => {
      const tokens = tokenize(text);
      return { text, tokens, kind: classify(tokens) };
    });
  // An idea made only of moods or atmosphere is still the scene itself.
  if (!clauses.some((c) => c.kind === "scene")) {
    const first = clauses.find((c) => c.kind === "atmosphere");
    if (first) first.kind = "scene";
  }

  const subject = findSubject(clauses);
  const place = findPlace(clauses, subject);
  const moods: MoodEntry[] = [];
  // A mood said on its own ("..., eerie") outranks one that only describes a thing ("a lonely lighthouse").
  const byEmphasis = [...clauses.filter((c) => c.kind === "mood"), ...clauses.filter((c) => c.kind !== "mood")];
  for (const clause of byEmphasis) {
    for (const token of clause.tokens) {
      const mood = moodFor(token.lower);
      if (mood && !moods.includes(mood)) moods.push(mood);
    }
  }

  return {
    idea,
    clauses,
    contentWords: contentWords(idea),
    subject,
    place,
    moods,
    time: findTime(idea),
    weather: findWeather(idea),
    season: findSeason(idea),
    medium: findMedium(idea),
    light: findLight(idea),
    framing: findFraming(idea),
    genre: findGenre(idea, subject, moods),
  };
}
