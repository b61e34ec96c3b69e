import {
  COLOR_WORDS,
  EXTRA_WORDS,
  MEDIUM_WORDS,
  MOOD_WORDS,
  POSE_WORDS,
  SETTING_WORDS,
  SUBJECT_WORDS,
  TIME_WORDS,
  TONE_WORDS,
  WEATHER_WORDS,
} from "./lexicon";
import type {
  ColorWord,
  Extra,
  Medium,
  Mood,
  Pose,
  SceneSpec,
  Setting,
  SubjectKind,
  TimeOfDay,
  Tone,
  Weather,
} from "./scene-types";

type Category = "time" | "weather" | "setting" | "subject" | "pose" | "color" | "tone" | "mood" | "medium" | "extra";
type Hit = { category: Category; tag: string };
export type TermCategory = Category;
export type Occurrence = Hit & { pos: number; term: string };

const TABLES: Record<Category, Partial<Record<string, readonly string[]>>> = {
  time: TIME_WORDS,
  weather: WEATHER_WORDS,
  setting: SETTING_WORDS,
  subject: SUBJECT_WORDS,
  pose: POSE_WORDS,
  color: COLOR_WORDS,
  tone: TONE_WORDS,
  mood: MOOD_WORDS,
  medium: MEDIUM_WORDS,
  extra: EXTRA_WORDS,
};

/** One term may mean several things ("cyberpunk" is a tone and, below, a city). */
const DICTIONARY = new Map<string, Hit[]>();
let longestPhrase = 1;
for (const [category, table] of Object.entries(TABLES) as [Category, Partial<Record<string, readonly string[]>>][]) {
  for (const [tag, terms] of Object.entries(table)) {
    for (const term of terms ?? []) {
      const hits = DICTIONARY.get(term) ?? [];
      hits.push({ category, tag });
      DICTIONARY.set(term, hits);
      longestPhrase = Math.max(longestPhrase, term.split(" ").length);
    }
  }
}

const NEGATIONS = new Set(["no", "without", "not", "never", "zero"]);
const FILLERS = new Set(["a", "an", "any", "the", "some"]);

export function tokenize(prompt: string): string[] {
  return prompt
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}

function lookup(phrase: string, single: boolean): Hit[] | undefined {
  const exact = DICTIONARY.get(phrase);
  if (exact || !single) return exact;
  // Plurals without listing them all: "foxes", "mountains", "puddles".
  if (phrase.endsWith("es")) {
    const hit = DICTIONARY.get(phrase.slice(0, -2));
    if (hit) return hit;
  }
  if (phrase.endsWith("s")) return DICTIONARY.get(phrase.slice(0, -1));
  return undefined;
}

function negated(tokens: string[], pos: number): boolean {
  const prev = tokens[pos - 1];
  const prev2 = tokens[pos - 2];
  if (prev !== undefined && NEGATIONS.has(prev)) return true;
  return prev !== undefined && prev2 !== undefined && FILLERS.has(prev) && NEGATIONS.has(prev2);
}

function scan(tokens: string[]): Occurrence[] {
  const found: Occurrence[] = [];
  let i = 0;
  while (i < tokens.length) {
    let step = 1;
    // Longest phrase first, so "golden hour" is a time and not the colour gold.
    for (let len = Math.min(longestPhrase, tokens.length - i); len >= 1; len--) {
      const term = tokens.slice(i, i + len).join(" ");
      const hits = lookup(term, len === 1);
      if (!hits) continue;
      if (!negated(tokens, i)) for (const hit of hits) found.push({ ...hit, pos: i, term });
      step = len;
      break;
    }
    i += step;
  }
  return found;
}

/**
 * Every term of the renderer's vocabulary in a text, in order, negated ones left out: what the
 * offline judge reads a checklist item with (the same words the renderer draws from).
 */
export function findTerms(text: string): { tokens: string[]; terms: Occurrence[] } {
  const tokens = tokenize(text);
  return { tokens, terms: scan(tokens) };
}

/** Earlier words weigh more: prompts lead with what matters and trail into detail. */
const weight = (pos: number) => 1 / (1 + pos / 25);

function ranked<T extends string>(found: Occurrence[], category: Category): T[] {
  const scores = new Map<string, number>();
  for (const o of found) {
    if (o.category === category) scores.set(o.tag, (scores.get(o.tag) ?? 0) + weight(o.pos));
  }
  return [...scores.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag as T);
}

const OUTDOOR: readonly Setting[] = [
  "mountains",
  "forest",
  "sea",
  "lake",
  "cliff",
  "city",
  "street",
  "desert",
  "field",
  "space",
];
const BUILDINGS: readonly SubjectKind[] = ["house", "lighthouse", "castle"];

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  single: 1,
  lone: 1,
  two: 2,
  pair: 2,
  couple: 2,
  twin: 2,
  twins: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

const BOUNDARIES = new Set(["at", "in", "on", "with", "and", "by", "under", "over", "near", "pm", "am"]);

/** A number written just before the subject ("two red foxes", "a pair of owls", "3 cats"); undefined: none. */
export function countBefore(tokens: string[], pos: number): number | undefined {
  for (let i = pos - 1; i >= Math.max(0, pos - 3); i--) {
    const token = tokens[i] ?? "";
    // A number across a preposition belongs to something else ("at 5 pm a fox").
    if (BOUNDARIES.has(token)) return undefined;
    const n = NUMBER_WORDS[token] ?? (/^\d{1,2}$/.test(token) ? Number(token) : undefined);
    if (n !== undefined && n > 0) return n;
  }
  return undefined;
}

function pickSubject(found: Occurrence[], tokens: string[]): SceneSpec["subject"] {
  const first = found.find((o) => o.category === "subject");
  if (!first) return null;
  const kind = first.tag as SubjectKind;
  const poseHit = found
    .filter((o) => o.category === "pose")
    .sort((a, b) => Math.abs(a.pos - first.pos) - Math.abs(b.pos - first.pos))[0];
  const colorHit = found.find((o) => o.category === "color" && o.pos < first.pos && o.pos >= first.pos - 2);
  const pose: Pose =
    (poseHit?.tag as Pose | undefined) ?? (kind === "bird" ? "flying" : kind === "cat" ? "sitting" : "standing");
  const count = countBefore(tokens, first.pos);
  return {
    kind,
    pose,
    word: first.term,
    ...(colorHit ? { color: leakedColor(found, colorHit) ?? (colorHit.tag as ColorWord) } : {}),
    ...(count !== undefined && count > 1 ? { count } : {}),
  };
}

/**
 * How many times over the prompt's other colour words must outweigh a subject's own colour
 * before they take it over.
 */
const LEAK_RATIO = 1.5;

/**
 * Colour words compete, as they do in a diffusion model's attention: a subject's own colour ("two
 * red foxes") is lost when the prompt's other colour words (a palette, "amber eyes", "deep blue
 * shadows") outweigh it LEAK_RATIO times over, and the subject is drawn in the strongest of them.
 * Text-to-image models are known for it (attribute leakage; Chefer et al., "Attend-and-Excite",
 * 2023), so the sketch shows the same miss the offline judge can catch and Fix misses can mend,
 * by quieting the words that compete. Undefined: the subject keeps its colour.
 */
function leakedColor(found: Occurrence[], own: Occurrence): ColorWord | undefined {
  const others = new Map<string, number>();
  for (const o of found) {
    if (o.category !== "color" || o.pos === own.pos || o.tag === own.tag) continue;
    others.set(o.tag, (others.get(o.tag) ?? 0) + weight(o.pos));
  }
  let total = 0;
  for (const w of others.values()) total += w;
  if (total <= LEAK_RATIO * weight(own.pos)) return undefined;
  return [...others.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] as ColorWord;
}

function moonPhase(tokens: string[]): Pick<SceneSpec, "moon"> {
  const at = tokens.findIndex((t, i) => (t === "moon" || t === "moonlit") && i > 0);
  const before = at > 0 ? tokens[at - 1] : undefined;
  if (before === "full") return { moon: "full" };
  if (before === "crescent" || before === "half" || before === "new") return { moon: "crescent" };
  return {};
}

/** Reads a prompt into a scene: which light, weather, places, subject, colours and medium it asks for. */
export function analyzeScene(prompt: string): SceneSpec {
  const tokens = tokenize(prompt);
  const found = scan(tokens).filter(
    // "Muted ochre" describes one colour, not the whole picture.
    (o) =>
      !(
        o.category === "tone" &&
        o.tag === "muted" &&
        scan(tokens.slice(o.pos + 1, o.pos + 2)).some((n) => n.category === "color")
      ),
  );

  const tones = ranked<Tone>(found, "tone");
  const extras = ranked<Extra>(found, "extra");
  const settings = new Set(ranked<Setting>(found, "setting"));
  const weather = new Set(ranked<Weather>(found, "weather"));
  const subject = pickSubject(found, tokens);
  const hasTerm = (term: string) => found.some((o) => o.term === term);

  if (hasTerm("cyberpunk")) settings.add("city");
  if (settings.has("street")) settings.add("city");
  if (settings.has("cliff") && !settings.has("lake")) settings.add("sea");
  const outdoors = OUTDOOR.some((s) => settings.has(s));
  if (settings.has("interior") && outdoors) {
    // Inside and outside both named: whichever the prompt leads with is where we are
    // ("a room overlooking the sea" is inside, "a lighthouse ... its lamp room" is not).
    const first = (pred: (o: Occurrence) => boolean) => found.find(pred)?.pos ?? Number.POSITIVE_INFINITY;
    const inside = first((o) => o.category === "setting" && o.tag === "interior");
    const outside = first((o) => o.category === "setting" && OUTDOOR.includes(o.tag as Setting));
    const building =
      subject && BUILDINGS.includes(subject.kind) ? first((o) => o.category === "subject") : Number.POSITIVE_INFINITY;
    if (outside < inside || building < inside) settings.delete("interior");
  }
  // "A room with a window" is inside; "a cabin with glowing windows" is not.
  if (extras.includes("window") && !outdoors && !(subject && BUILDINGS.includes(subject.kind)))
    settings.add("interior");
  if (weather.has("storm")) weather.add("clouds");
  if (weather.has("clear")) weather.delete("clouds");

  const times = ranked<TimeOfDay>(found, "time");
  const impliedNight = tones.includes("neon") || settings.has("space") || extras.includes("aurora");
  // Lamplight, candles and fires are lit in the evening.
  const impliedEvening = extras.includes("lamp") || extras.includes("fire");
  const time: TimeOfDay = times[0] ?? (impliedNight ? "night" : impliedEvening ? "dusk" : "day");

  return {
    time,
    timeGiven: times.length > 0,
    weather: [...weather],
    settings: [...settings],
    subject,
    colors: ranked<ColorWord>(found, "color"),
    tones,
    moods: ranked<Mood>(found, "mood"),
    medium: ranked<Medium>(found, "medium")[0] ?? "flat",
    extras,
    matched: [...new Set(found.map((o) => o.term))],
    ...moonPhase(tokens),
  };
}
