import { insideQuotes, quotedSpans } from "./quotes";
import { singular } from "./words";

/** A word of a clause, with the forms the vocabularies are looked up by. */
export type Token = {
  /** As written. */
  text: string;
  lower: string;
  /** Singular lowercase form, possessive removed. */
  key: string;
  possessive: boolean;
  /** Offsets in the clause text, so a span can be cut out exactly as written. */
  start: number;
  end: number;
  /** Inside quotes: lettering to show, never looked up as a subject, place or mood. */
  quoted?: true;
};

const WORD_RE = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function tokenize(clause: string): Token[] {
  const quotes = quotedSpans(clause);
  return [...clause.matchAll(WORD_RE)].map((m) => {
    const text = m[0];
    const start = m.index ?? 0;
    const lower = text.toLowerCase().replace(/’/g, "'");
    const possessive = /'s$|s'$/.test(lower);
    const bare = possessive ? lower.replace(/'s$|'$/, "") : lower;
    const token: Token = { text, lower, key: singular(bare), possessive, start, end: start + text.length };
    if (insideQuotes(quotes, start)) token.quoted = true;
    return token;
  });
}

/**
 * The longest vocabulary key that starts at token `i` (three words, then two, then one), with
 * the last word singular so "polar bears" finds "polar bear".
 */
export function matchAt<T>(
  tokens: readonly Token[],
  i: number,
  table: Readonly<Record<string, T>>,
): { key: string; entry: T; length: number } | undefined {
  for (let n = 3; n >= 1; n--) {
    if (i + n > tokens.length) continue;
    const slice = tokens.slice(i, i + n);
    const key = slice.map((t, j) => (j === n - 1 ? t.key : t.lower)).join(" ");
    const entry = table[key] ?? (n === 1 ? table[slice[0]?.lower ?? ""] : undefined);
    if (entry !== undefined)
      return { key: table[key] !== undefined ? key : (slice[0]?.lower ?? key), entry, length: n };
  }
  return undefined;
}
