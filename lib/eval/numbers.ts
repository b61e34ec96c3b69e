import { tokenize } from "./text";

/**
 * Numbers an idea asks for, as values: digits and number words are the same number ("two" = "2",
 * "deux" = "2"). Articles that double as "one" in other languages (un, una, ein) are left out:
 * they are mostly articles, and a refiner that drops one is not dropping a count.
 */
const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  dozen: 12,
  pair: 2,
  // French
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  // Spanish
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  // German
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
};

const KANJI: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** The value of one word, or undefined when it is no number. */
export function numberValue(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^\d+(?:[.,]\d+)?$/.test(w)) return Number(w.replace(",", "."));
  return NUMBER_WORDS[w];
}

/** Every number in a text, in order (duplicates kept: "two cats and two dogs" asks for 2 twice). */
export function numbersIn(text: string): number[] {
  const out: number[] = [];
  // Digits with a decimal part are one number ("1.5"), so they are read before the word split.
  const withoutDecimals = text.replace(/\d+[.,]\d+/g, (m) => {
    out.push(Number(m.replace(",", ".")));
    return " ";
  });
  for (const token of tokenize(withoutDecimals)) {
    // "1920s", "3d", "35mm": the digits count, the suffix does not.
    const digits = /^(\d+)[a-z]*$/.exec(token);
    if (digits) {
      out.push(Number(digits[1]));
      continue;
    }
    const value = NUMBER_WORDS[token];
    if (value !== undefined) out.push(value);
  }
  for (const ch of text) {
    const value = KANJI[ch];
    if (value !== undefined) out.push(value);
  }
  return out;
}

export type NumbersKept = { total: number; kept: number; missing: number[] };

/** Each of the idea's numbers must appear in the prompt, in words or digits. */
export function numbersKept(idea: string, prompt: string): NumbersKept {
  const wanted = [...new Set(numbersIn(idea))];
  const have = new Set(numbersIn(prompt));
  const missing = wanted.filter((n) => !have.has(n));
  return { total: wanted.length, kept: wanted.length - missing.length, missing };
}
