/**
 * The additions a refiner makes, as parts of a prompt's anatomy. Each part is a list of
 * phrases, most important first, so a budget can trim a part one phrase at a time.
 */

export type PartRole =
  | "subjectDetail"
  | "settingDetail"
  | "atmosphere"
  | "feel"
  | "lighting"
  | "medium"
  | "composition"
  | "palette"
  | "paletteExtra"
  | "detail"
  | "quality";

/** One phrase in both dialects. `glue` joins it to the phrase before it in prose (", " by default). */
export type Phrase = { prose: string; tag: string; glue?: string };

export type Parts = Partial<Record<PartRole, Phrase[]>>;

/** What a budget drops first: finishing detail, then extra palette words, and so on. The idea's words are never in here. */
export const DROP_ORDER: readonly PartRole[] = [
  "detail",
  "quality",
  "paletteExtra",
  "atmosphere",
  "settingDetail",
  "subjectDetail",
  "feel",
  "palette",
  "composition",
  "lighting",
  "medium",
];

/** How each part is named in the notes. */
export const PART_LABELS: Record<PartRole, string> = {
  subjectDetail: "subject detail",
  settingDetail: "setting detail",
  atmosphere: "atmosphere",
  feel: "mood",
  lighting: "lighting",
  medium: "medium",
  composition: "composition",
  palette: "palette",
  paletteExtra: "palette treatment",
  detail: "detail",
  quality: "quality tags",
};

/** A phrase that reads the same in both dialects, less any leading article for the tag. */
export function phrase(text: string, glue?: string): Phrase {
  return { prose: text, tag: text.replace(/^(a|an|the)\s+/i, ""), ...(glue ? { glue } : {}) };
}

/** A style preset part ("a, b, c") as phrases. */
export function phrasesOf(text: string): Phrase[] {
  return text
    .split(/\s*,\s*/)
    .filter(Boolean)
    .map((p) => phrase(p));
}
