/** Colour words for palette edits ("in blue tones", "make it monochrome", "warmer colors"). */

export const COLOR_WORDS: ReadonlySet<string> = new Set(
  (
    "red crimson scarlet orange amber yellow gold golden green emerald teal turquoise cyan blue navy cobalt " +
    "indigo violet purple lavender lilac magenta pink rose blush coral peach brown ochre sepia rust copper bronze " +
    "black white grey gray silver cream ivory beige mint sage olive"
  ).split(" "),
);

/** Colours that sound better with a little help when they stand alone. */
const SINGLE_COLOR: Record<string, string> = {
  blue: "cool blue tones from deep navy to pale ice blue",
  red: "rich red tones from deep crimson to warm scarlet",
  green: "lush green tones from deep emerald to pale mint",
  yellow: "sunny yellow tones from soft butter to deep gold",
  gold: "burnished gold tones with warm highlights",
  golden: "burnished golden tones with warm highlights",
  orange: "warm orange tones from apricot to burnt sienna",
  purple: "rich purple tones from deep plum to soft lavender",
  violet: "violet tones from deep plum to soft lilac",
  pink: "soft pink tones from blush to deep rose",
  teal: "teal tones from deep petrol to pale aqua",
  brown: "warm brown tones from umber to soft tan",
  silver: "silvery tones with cool grey shadows",
  white: "soft whites and pale creams",
  black: "deep blacks with a few pale highlights",
};

/** Palette moods that are not hues. */
export const PALETTE_MOODS: readonly { words: RegExp; palette: string }[] = [
  {
    words: /\b(black[- ]and[- ]white|monochrome|monochromatic|b&w|greyscale|grayscale)\b/i,
    palette: "black-and-white monochrome tones with rich contrast",
  },
  { words: /\bsepia\b/i, palette: "warm sepia monochrome" },
  { words: /\bpastels?\b/i, palette: "soft pastel tones" },
  { words: /\b(neon|electric)\b/i, palette: "electric neon colors glowing against dark tones" },
  { words: /\b(warm|warmer)\b/i, palette: "a warm palette of amber and gold" },
  { words: /\b(cool|cooler|cold|colder)\b/i, palette: "a cool palette of blue and silver" },
  { words: /\b(vibrant|vivid|saturated|colou?rful|bold colou?rs?)\b/i, palette: "vivid saturated colors" },
  { words: /\b(muted|desaturated|subdued|dull|washed[- ]out)\b/i, palette: "muted desaturated tones" },
  { words: /\b(earthy|earth tones?|natural tones?)\b/i, palette: "earthy natural tones" },
];

/** A palette phrase for the colours named in an instruction, or undefined when it names none. */
export function paletteFromColors(text: string): string | undefined {
  for (const m of PALETTE_MOODS) if (m.words.test(text)) return m.palette;
  const colors = (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => COLOR_WORDS.has(w));
  const unique = [...new Set(colors)];
  if (unique.length === 0) return undefined;
  if (unique.length === 1) {
    const only = unique[0] as string;
    return SINGLE_COLOR[only] ?? `${only} tones`;
  }
  const last = unique[unique.length - 1] as string;
  return `a palette of ${unique.slice(0, -1).join(", ")} and ${last}`;
}

/** Words that mark a clause as being about colour. */
export const PALETTE_TERMS =
  /(?<![\w-])(palette|tones|toned|hues|colors|colours|color grade|colour grade|grading|washes|monochrome|pigments|accents of|accents|accent colors?)(?![\w-])/i;
