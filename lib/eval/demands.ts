import type { CheckItem, CheckKind } from "@/lib/schemas/checks";
import { numberValue } from "./numbers";
import { quotedSpans } from "./quotes";
import { isStopWord, stem, stemSet, tokenize } from "./text";

/**
 * The report card's OWN reading of what an idea demands, independent of any refiner: counted
 * nouns, colour + noun bindings, quoted text, medium words and spatial relations. A refiner's
 * checklist covers a demand when one of its items names the demand's key words.
 */
export type Demand = { kind: CheckKind; text: string; keys: string[] };

const COLOURS = new Set(
  (
    "red orange yellow green blue purple violet pink brown black white grey gray silver golden gold teal " +
    "turquoise crimson scarlet navy maroon beige ivory amber emerald cyan magenta lavender indigo copper bronze " +
    "rouge rouges bleu bleue bleus vert verte jaune noir noire blanc blanche rojo roja azul verde amarillo " +
    "amarilla negro negra blanco blanca rot rote roter rotes blau blaue blauer grün grüne gelb gelbe schwarz " +
    "schwarze weiß weiße"
  ).split(" "),
);

const MEDIUM_PHRASES = [
  "oil painting",
  "watercolor",
  "watercolour",
  "gouache",
  "pixel art",
  "photo",
  "photograph",
  "photography",
  "polaroid",
  "sketch",
  "pencil",
  "charcoal",
  "ink",
  "illustration",
  "anime",
  "manga",
  "comic",
  "cartoon",
  "3d render",
  "render",
  "vector",
  "linocut",
  "woodcut",
  "mosaic",
  "stained glass",
  "claymation",
  "low poly",
  "isometric",
  "poster",
  "collage",
  "embroidery",
  "ukiyo-e",
  "blueprint",
  "aquarelle",
  "acuarela",
  "fotografía",
  "foto",
  "photographie",
  "peinture",
  "dessin",
  "zeichnung",
  "gemälde",
  "aquarell",
];

const RELATIONS = [
  "on top of",
  "in front of",
  "next to",
  "to the left of",
  "to the right of",
  "on the left",
  "on the right",
  "above",
  "below",
  "under",
  "underneath",
  "beneath",
  "behind",
  "beside",
  "between",
  "inside",
  "atop",
  "on",
  "around",
  "among",
  "across",
  "facing",
];

const FOREIGN_NUMBER =
  /^(?:deux|trois|quatre|cinq|sept|huit|neuf|dix|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)$/;

const ARTICLES = new Set(["a", "an", "the", "his", "her", "its", "their", "two", "some"]);

const ADJECTIVES = new Set(
  (
    "small big large tiny little huge giant old young tall short full half crescent new quiet busy empty wooden stone glass metal shiny fluffy round " +
    "square happy sad sleepy shy curious wild cute fat thin long bright dark pale striped spotted matching " +
    "identical paper plastic ceramic brass iron vintage antique tiny-winged petit petite grand grande pequeño " +
    "pequeña gran kleine kleiner kleines große großer alte alter"
  ).split(" "),
);

/**
 * The head noun after `from`: articles, colours, numbers and common adjectives skipped, then the
 * last word of a short noun run ("a chocolate birthday cake" → "cake"), ended by a stop word or a
 * verb-looking word ("foxes sitting", "pigeons perched").
 */
function headNoun(tokens: string[], from: number, maxWords = 3): string | undefined {
  let i = from;
  while (i < tokens.length && i < from + 5) {
    const t = tokens[i]!;
    if (!(ARTICLES.has(t) || COLOURS.has(t) || ADJECTIVES.has(t) || numberValue(t) !== undefined || t === "and")) break;
    i++;
  }
  let noun: string | undefined;
  for (let n = 0; n < maxWords && i < tokens.length; n++, i++) {
    const t = tokens[i]!;
    if (isStopWord(t) || numberValue(t) !== undefined) break;
    if (noun !== undefined && /(?:ing|ed)$/.test(t)) break;
    noun = t;
  }
  return noun;
}

export function demandsOf(idea: string): Demand[] {
  const out: Demand[] = [];
  const add = (d: Demand) => {
    if (!out.some((o) => o.kind === d.kind && o.keys.join(" ") === d.keys.join(" "))) out.push(d);
  };
  for (const span of quotedSpans(idea)) add({ kind: "text", text: `the text “${span}”`, keys: [span] });
  // Quoted words are text, not things to count or colour; a comma ends a noun phrase.
  const unquoted = quotedSpans(idea).reduce((t, s) => t.split(s).join(" "), idea);
  const clauses = unquoted.split(/[,.;:!?()]+/).map(tokenize);
  for (const tokens of clauses) {
    tokens.forEach((t, i) => {
      const value = numberValue(t);
      if (value !== undefined && value > 0 && value < 1000 && t !== "one") {
        // Other languages put adjectives after the noun ("deux chats noirs"): the first word is it.
        const noun = headNoun(tokens, i + 1, FOREIGN_NUMBER.test(t) ? 1 : 3);
        if (noun && !COLOURS.has(noun)) add({ kind: "count", text: `${t} ${noun}`, keys: [t, noun] });
      }
      if (COLOURS.has(t)) {
        const noun = headNoun(tokens, i + 1);
        if (noun && !COLOURS.has(noun)) add({ kind: "attribute", text: `${t} ${noun}`, keys: [t, noun] });
      }
    });
  }
  const all = ` ${clauses.flat().join(" ")} `;
  for (const phrase of MEDIUM_PHRASES) {
    if (all.includes(` ${phrase} `) && !out.some((d) => d.kind === "style" && d.keys[0]!.includes(phrase))) {
      add({ kind: "style", text: phrase, keys: [phrase] });
    }
  }
  for (const tokens of clauses) {
    const lower = ` ${tokens.join(" ")} `;
    // Longer relations first ("on top of" before "on"), and one relation per place in the clause.
    const taken: number[] = [];
    for (const rel of RELATIONS) {
      const at = lower.indexOf(` ${rel} `);
      if (at < 0 || taken.some((t) => at >= t - 1 && at <= t + 12)) continue;
      taken.push(at);
      const after = lower
        .slice(at + rel.length + 2)
        .trim()
        .split(" ");
      const object = headNoun(after, 0);
      if (object && !out.some((d) => d.kind === "relation" && d.keys[1] === object)) {
        add({ kind: "relation", text: `${rel} ${object}`, keys: [rel, object] });
      }
    }
  }
  return out;
}

/** The words a check item offers: its text and the idea words it names. */
function haystack(item: Pick<CheckItem, "text" | "words">): {
  stems: Set<string>;
  lower: string;
  numbers: Set<number>;
} {
  const whole = [item.text, ...(item.words ?? [])].join(" ");
  const numbers = new Set<number>();
  for (const t of tokenize(whole)) {
    const v = numberValue(t);
    if (v !== undefined) numbers.add(v);
  }
  return { stems: stemSet(whole), lower: whole.toLowerCase(), numbers };
}

function keyFound(key: string, hay: ReturnType<typeof haystack>): boolean {
  const value = numberValue(key);
  if (value !== undefined) return hay.numbers.has(value);
  if (key.includes(" ") || /[^\p{L}\p{N}]/u.test(key)) return hay.lower.includes(key.toLowerCase());
  return hay.stems.has(stem(key)) || hay.lower.includes(key.toLowerCase());
}

/** True when one item names all of the demand's keys (quoted text: the exact words, any case). */
export function demandCovered(demand: Demand, checks: readonly Pick<CheckItem, "text" | "words">[]): boolean {
  return checks.some((c) => {
    const hay = haystack(c);
    return demand.keys.every((k) => keyFound(k, hay));
  });
}

export type Coverage = { total: number; covered: number; missing: string[] };

export function checklistCoverage(
  idea: string,
  checks: readonly Pick<CheckItem, "text" | "words">[] | undefined,
): Coverage {
  const demands = demandsOf(idea);
  const missing = demands.filter((d) => !demandCovered(d, checks ?? [])).map((d) => d.text);
  return { total: demands.length, covered: demands.length - missing.length, missing };
}
