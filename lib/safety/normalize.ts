/**
 * Text as the policy sees it: lower case, accents and invisible characters gone, apostrophes
 * dropped ("kid's" → "kids"), every other non-letter a word break. Matching whole words of this
 * is what keeps "Scunthorpe" and "Essex" from matching what hides inside them.
 */
export function tokenize(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\p{M}\p{Cf}]+/gu, "")
    .toLowerCase()
    .replace(/['’‘`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}

/** One word of a phrase; `prefix` when the phrase wrote it with a trailing `*`. */
export type PhraseWord = { text: string; prefix: boolean };

/**
 * A phrase of the policy as words. A `*` at the end of a word matches any ending
 * ("behead*": beheaded, beheading); anywhere else it is an error.
 */
export function parsePhrase(phrase: string): PhraseWord[] {
  const words = phrase.trim().split(/\s+/);
  const out: PhraseWord[] = [];
  for (const raw of words) {
    const prefix = raw.endsWith("*");
    const body = prefix ? raw.slice(0, -1) : raw;
    if (body.includes("*")) throw new Error(`"${phrase}": a * may only end a word`);
    const tokens = tokenize(body);
    if (prefix && tokens.length !== 1) throw new Error(`"${phrase}": a * must follow letters or digits`);
    if (prefix && (tokens[0]?.length ?? 0) < 3) throw new Error(`"${phrase}": a word with * needs at least 3 letters`);
    tokens.forEach((text, i) => {
      out.push({ text, prefix: prefix && i === tokens.length - 1 });
    });
  }
  if (out.length === 0) throw new Error(`"${phrase}" has no letters or digits`);
  return out;
}
