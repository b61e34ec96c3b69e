/**
 * The report card's reading of words: lower-cased letter runs, a light stemmer (plurals, -ing,
 * -ed) and stop words in the languages the public set uses. Both sides of every comparison go
 * through the same functions, so a stem only has to be consistent, not a real word.
 */

const STOP_WORDS = new Set(
  [
    // English
    "a an the and or but of in on at to for from by with without into onto over under up down out off",
    "as is are was were be been being it its it's this that these those there here their they them he she",
    "his her him we our you your i me my mine which who whom whose what when where while how very so such",
    "some any all each every no not only just also too more most much many few than then very quite rather",
    "has have had do does did can could should would may might will shall must one's own same other another",
    "like about around near through across along against between behind above below beside next toward towards",
    "upon within itself themselves if because until via per",
    // French
    "le la les un une des du de d l au aux et ou en dans sur sous avec sans pour par chez qui que qu est sont",
    "son sa ses leur leurs ce cet cette ces il elle ils elles on se ne pas plus très",
    // Spanish
    "el los las unos unas y o del al con sin por para sobre bajo entre que es son su sus muy se lo",
    // German
    "der die das den dem des ein eine einen einem einer und oder mit ohne im am auf unter über vor hinter",
    "neben zwischen ist sind sein seine ihr ihre zu zum zur von vom bei sehr",
    // Italian, Portuguese
    "il gli uno della delle dei con nel nella sulla di da e um uma os as do da dos das no na em",
  ]
    .join(" ")
    .split(/\s+/),
);

const IRREGULAR: Record<string, string> = {
  men: "man",
  women: "woman",
  children: "child",
  mice: "mouse",
  geese: "goose",
  feet: "foot",
  teeth: "tooth",
  people: "person",
  wolves: "wolf",
  leaves: "leaf",
  knives: "knife",
  wives: "wife",
  shelves: "shelf",
  calves: "calf",
  halves: "half",
  loaves: "loaf",
  thieves: "thief",
  elves: "elf",
  lives: "life",
  scarves: "scarf",
  dwarves: "dwarf",
  oxen: "ox",
  fish: "fish",
  sheep: "sheep",
  deer: "deer",
};

/** Letter-or-digit runs, lower-cased; an apostrophe's "s" goes with it ("fox's" → "fox"). */
export function tokenize(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize("NFC")
      .match(/[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? []
  ).map((t) => t.replace(/['’]s$/u, ""));
}

/** Plural and verb endings off, so "foxes" = "fox", "glowing" = "glow", "umbrellas" = "umbrella". */
export function stem(word: string): string {
  const w = word.toLowerCase();
  const irregular = IRREGULAR[w];
  if (irregular) return irregular;
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  let s = w;
  if (s.endsWith("ies") && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (/(?:ss|x|z|ch|sh|o)es$/.test(s)) s = s.slice(0, -2);
  else if (s.endsWith("s") && !/(?:ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (s.endsWith("ing") && s.length - 3 >= 3) s = s.slice(0, -3);
  else if (s.endsWith("ed") && s.length - 2 >= 3) s = s.slice(0, -2);
  // "running" → "runn" → "run"; "stopped" → "stopp" → "stop".
  if (s !== w && /([b-df-hj-np-tv-z])\1$/.test(s) && !/(?:ll|ss|zz)$/.test(s)) s = s.slice(0, -1);
  // "glowing"/"glow", "blazing"/"blaze": a final silent e is dropped on both sides.
  if (s.length > 3 && s.endsWith("e") && !s.endsWith("ee")) s = s.slice(0, -1);
  return s;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase());
}

/** Scripts written without spaces (Japanese, Chinese, Thai…): a run is a phrase, matched as a substring. */
export function isUnspacedScript(word: string): boolean {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(word);
}

/** The stems of a text's words, for "is this word in there" questions. */
export function stemSet(text: string): Set<string> {
  return new Set(tokenize(text).map(stem));
}
