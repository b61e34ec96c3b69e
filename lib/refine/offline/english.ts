import { outsideQuotes, quotedSpans } from "./quotes";

/**
 * Small rules of written English the composers and editors share, so every output gets the
 * same finish: right articles, capitals, list joins, no doubled words or stray commas.
 */

const SILENT_H = /^(hour|honest|honou?r|heir)/i;
/** "u" and "eu" words that start with a "you" sound, and "o" words that start with a "w" sound. */
const CONSONANT_VOWEL = /^(uni|use|usu|ura|uro|utensil|euro|eu|ewe|one|once|ubiq)/i;
/** Numbers said with a leading vowel: 8, 11, 18, 80-89, 800... */
const VOWEL_NUMBER = /^(8|11(?!\d{2})|18(?!\d{2})|8\d)/;

export function articleFor(word: string): "a" | "an" {
  const w = word.replace(/^[("'“‘]+/, "");
  if (/^\d/.test(w)) return VOWEL_NUMBER.test(w) ? "an" : "a";
  // Acronyms are read letter by letter: "an LED", "a UFO".
  if (/^[A-Z]{2,}\b/.test(w)) return /^[AEFHILMNORSX]/.test(w) && !/^U/.test(w) ? "an" : "a";
  if (SILENT_H.test(w)) return "an";
  if (CONSONANT_VOWEL.test(w)) return "a";
  return /^[aeiou]/i.test(w) ? "an" : "a";
}

/** "red fox" → "a red fox". */
export function withArticle(phrase: string): string {
  const first = phrase.trim().split(/\s+/)[0] ?? "";
  return `${articleFor(first)} ${phrase.trim()}`;
}

/** Makes every "a"/"an" agree with the word after it, keeping the article's capital. */
export function fixArticles(text: string): string {
  return text.replace(
    /(?<![\p{L}\p{N}'’-])(a|an|A|An|AN)\s+(?=([("'“‘]*[\p{L}\p{N}][\p{L}\p{N}'’-]*))/gu,
    (m, art: string, next: string) => {
      const right = articleFor(next);
      const fixed = art[0] === "A" ? right[0]?.toUpperCase() + right.slice(1) : right;
      return m.replace(art, fixed);
    },
  );
}

export function capitalize(text: string): string {
  // Prompt syntax keeps its case: "(masterpiece:1.2)", "<lora:name:0.8>", "[x]".
  if (/^\s*[(<[]/.test(text)) return text;
  const i = text.search(/[\p{L}\p{N}]/u);
  if (i < 0) return text;
  return text.slice(0, i) + text.charAt(i).toUpperCase() + text.slice(i + 1);
}

/** Lowercases the first letter unless the first word looks like a name or acronym. */
export function decapitalize(text: string): string {
  const first = text.split(/\s+/)[0] ?? "";
  if (/^[A-Z][a-z'’-]*$/.test(first) && first !== "I") return text.charAt(0).toLowerCase() + text.slice(1);
  return text;
}

/** "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  const list = items.filter((s) => s.trim().length > 0);
  if (list.length <= 1) return list[0] ?? "";
  return `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

const SMALL_WORDS = new Set(
  "a an the and or but nor of in on at to by for with from into onto over under as vs via".split(" "),
);

export function titleCase(text: string): string {
  // Quoted lettering keeps its own case: a word that starts inside quotes is left as written.
  const quotes = quotedSpans(text);
  const words: { word: string; quoted: boolean }[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    const at = m.index ?? 0;
    words.push({ word: m[0], quoted: quotes.some(([qa, qb]) => at >= qa && at < qb) });
  }
  return words
    .map(({ word, quoted }, i) => {
      if (quoted) return word;
      const lower = word.toLowerCase();
      if (i > 0 && SMALL_WORDS.has(lower)) return lower;
      // Leave acronyms and mixed-case names ("3D", "McQueen") as written.
      if (/[A-Z]/.test(word.slice(1)) || /^\d/.test(word)) return word;
      return word
        .split("-")
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join("-");
    })
    .join(" ");
}

/** Removes an immediately repeated word ("the the", "a a", "snow snow"), any case. */
export function dropDoubledWords(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}'’-])([\p{L}\p{N}'’-]+)(\s+\1)+(?![\p{L}\p{N}'’-])/giu, "$1");
}

/** Spacing and punctuation clean-up: single spaces, no space before punctuation, no ",," or ", ." */
export function tidyPunctuation(text: string): string {
  return (
    text
      .replace(/\s+/g, " ")
      .replace(/\s+([,.;:!?)])/g, "$1")
      .replace(/\(\s+/g, "(")
      .replace(/([,;:])(?:\s*[,;:])+/g, "$1")
      .replace(/[,;:]+\s*([.!?])/g, "$1")
      .replace(/([.!?])(?:\s*[.!?])+/g, "$1")
      // A missing space after a clause mark; colons are left alone so weights like "x:1.2" survive.
      .replace(/([,;])(?=[\p{L}(])/gu, "$1 ")
      .replace(/([.!?])(?=\p{Lu})/gu, "$1 ")
      .trim()
      .replace(/^[,;:.\s]+/, "")
      .replace(/[,;:\s]+$/, "")
  );
}

/** The finish every prose output gets; quoted lettering is left exactly as written. */
export function polishProse(text: string): string {
  return outsideQuotes(text, polishUnquoted);
}

function polishUnquoted(text: string): string {
  let out = tidyPunctuation(dropDoubledWords(text));
  out = fixArticles(out);
  out = out.replace(/(^|[.!?]\s+)([\p{Ll}])/gu, (_m, lead: string, ch: string) => lead + ch.toUpperCase());
  // Midjourney parameters end a prompt as typed ("--ar 2:3"), with no full stop after them.
  if (out && !/[.!?]$/.test(out) && !/(?:^|\s)--[a-z][a-z0-9-]*(?:\s+[^\s.][^\s]*)*$/.test(out)) out += ".";
  return out;
}
