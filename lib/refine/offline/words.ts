import { escapeRegExp } from "@/lib/text/escape-regexp";
/**
 * Words: splitting text into words, telling content words from glue words, and the light
 * singular form used to look words up in the vocabularies. Pure string work, no vocabularies.
 */

/** Glue words: articles, pronouns, prepositions, auxiliaries. Everything else is a content word. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the and or but nor so yet of in on at to by for with from into onto over under above below " +
    "near through across around behind beside besides between among against during while within without " +
    "along toward towards upon off out up down about than then also as like " +
    "is are was were be been being am it its it's this that these those there here " +
    "some any each every all both no not very too just really quite rather " +
    "my your his her their our me him them us i you he she we they who whom whose which what where when how " +
    "has have had do does did can could would should will shall may might must " +
    "s one's"
  ).split(" "),
);

/** Articles and other determiners that may start a noun phrase. */
export const DETERMINERS: ReadonlySet<string> = new Set(
  "a an the this that these those my your his her their our its one two three four five six seven eight nine ten some many several few".split(
    " ",
  ),
);

export const PREPOSITIONS: ReadonlySet<string> = new Set(
  (
    "in on at by for with from into onto over under above below near through across around behind beside " +
    "between among against during within without along toward towards upon beneath underneath inside outside amid atop past beyond"
  ).split(" "),
);

/** A word: letters or digits, with inner apostrophes or hyphens ("grandmother's", "snow-covered", "3D"). */
const WORD_RE = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function words(text: string): string[] {
  return text.match(WORD_RE) ?? [];
}

export function isContentWord(word: string): boolean {
  return !STOP_WORDS.has(word.toLowerCase().replace("’", "'"));
}

export function contentWords(text: string): string[] {
  return words(text).filter(isContentWord);
}

const IRREGULAR: Record<string, string> = {
  people: "person",
  children: "child",
  men: "man",
  women: "woman",
  mice: "mouse",
  geese: "goose",
  teeth: "tooth",
  feet: "foot",
  wolves: "wolf",
  leaves: "leaf",
  knives: "knife",
  lives: "life",
  elves: "elf",
  dwarves: "dwarf",
  shelves: "shelf",
  cacti: "cactus",
  fungi: "fungus",
  fish: "fish",
  sheep: "sheep",
  deer: "deer",
  woods: "woods",
  ruins: "ruins",
  dunes: "dune",
  glasses: "glasses",
  series: "series",
  species: "species",
};

/** Words that end in "s" in the singular, so stripping it would break them. */
const KEEP_S = /(ss|us|is|ics|ous|as)$/;

/** A light singular form for vocabulary lookups ("foxes" → "fox", "puppies" → "puppy"). Not a full stemmer. */
export function singular(word: string): string {
  const w = word.toLowerCase().replace("’", "'");
  const irregular = IRREGULAR[w];
  if (irregular) return irregular;
  if (w.length <= 3 || KEEP_S.test(w)) return w;
  if (w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (/(ches|shes|xes|zes|sses)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith("oes") && w.length > 4) return w.slice(0, -2);
  if (w.endsWith("s")) return w.slice(0, -1);
  return w;
}

export function isPlural(word: string): boolean {
  const w = word.toLowerCase();
  return singular(w) !== w && !w.endsWith("'s");
}

/** True when `text` holds `word` as a whole word, in any case, singular or plural. */
export function hasWord(text: string, word: string): boolean {
  const target = singular(word);
  return words(text).some((w) => w.toLowerCase() === word.toLowerCase() || singular(w) === target);
}

/** Built patterns by phrase and flags: edits test the same few hundred phrases over and over. */
const PHRASE_PATTERNS = new Map<string, RegExp>();

/**
 * Every whole-word occurrence of `phrase` (words separated by spaces or hyphens), case-insensitive.
 * The pattern may be shared: callers use it with replace(), test() without "g", or set lastIndex.
 */
export function phraseRegExp(phrase: string, flags = "gi"): RegExp {
  const key = `${flags}|${phrase}`;
  const cached = PHRASE_PATTERNS.get(key);
  if (cached) return cached;
  const body = phrase
    .trim()
    .split(/[\s-]+/)
    .map(escapeRegExp)
    .join("[\\s-]+");
  const re = new RegExp(`(?<![\\p{L}\\p{N}'’-])${body}(?![\\p{L}\\p{N}'’-])`, `${flags.replace("u", "")}u`);
  if (PHRASE_PATTERNS.size > 5000) PHRASE_PATTERNS.clear();
  PHRASE_PATTERNS.set(key, re);
  return re;
}

export function hasPhrase(text: string, phrase: string): boolean {
  return phraseRegExp(phrase, "i").test(text);
}
