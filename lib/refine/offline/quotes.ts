/**
 * Quoted text in an idea ("a sign that says "OPEN 24 HOURS"") is lettering the picture must
 * show exactly: no clause split, capital, article or doubled-word fix may touch it. Straight
 * and curly double quotes count; single quotes do not (they are mostly apostrophes).
 */

const OPEN_TO_CLOSE: Readonly<Record<string, string>> = { '"': '"', "“": "”", "„": "“" };

/** Each quoted run as [start, end), quote marks included. An unclosed quote runs to the end. */
export function quotedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const close = OPEN_TO_CLOSE[text[i] as string];
    if (close === undefined) {
      i++;
      continue;
    }
    const end = text.indexOf(close, i + 1);
    const stop = end < 0 ? text.length : end + 1;
    spans.push([i, stop]);
    i = stop;
  }
  return spans;
}

export function hasQuotes(text: string): boolean {
  return quotedSpans(text).length > 0;
}

/** True when offset `at` falls inside a quoted run. */
export function insideQuotes(spans: readonly [number, number][], at: number): boolean {
  return spans.some(([a, b]) => at >= a && at < b);
}

/** The text with every quoted run blanked to spaces, so vocabulary look-ups never read lettering as a mood or a place. */
export function blankQuotes(text: string): string {
  let out = text;
  for (const [a, b] of quotedSpans(text)) out = out.slice(0, a) + " ".repeat(b - a) + out.slice(b);
  return out;
}

/** Splits at the separators `re` finds, but never inside quotes. */
export function splitOutsideQuotes(text: string, re: RegExp): string[] {
  const spans = quotedSpans(text);
  const global = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
  const out: string[] = [];
  let from = 0;
  for (const m of text.matchAll(global)) {
    const at = m.index ?? 0;
    if (m[0].length === 0 || insideQuotes(spans, at)) continue;
    out.push(text.slice(from, at));
    from = at + m[0].length;
  }
  out.push(text.slice(from));
  return out;
}

// Private-use characters: no letter, digit or punctuation rule matches them.
const MASK_OPEN = "\uE000";
const MASK_CLOSE = "\uE001";
const MASK_PAD = "\uE002";
const MASK_RE = /\uE000([\uE100-\uEFFF])\uE002*\uE001/g;

export type QuoteMask = {
  /** The text with each quoted run swapped for an inert placeholder. */
  masked: string;
  /** Puts every quoted run back, byte for byte, wherever its placeholder ended up. */
  restore: (text: string) => string;
  /** Swaps the same quoted runs for their placeholders in another text (a part's text, say). */
  mask: (text: string) => string;
};

/**
 * Swaps each quoted run for a placeholder no rewrite can touch. With `keepLength`, each
 * placeholder is as long as the run it stands for (runs under three characters stay), so
 * offsets into the text still hold.
 */
export function maskQuotes(text: string, keepLength = false): QuoteMask {
  const saved: string[] = [];
  const holders: string[] = [];
  let masked = "";
  let from = 0;
  for (const [a, b] of quotedSpans(text)) {
    if (keepLength && b - a < 3) continue;
    const holder =
      MASK_OPEN +
      String.fromCharCode(0xe100 + saved.length) +
      (keepLength ? MASK_PAD.repeat(b - a - 3) : "") +
      MASK_CLOSE;
    masked += text.slice(from, a) + holder;
    saved.push(text.slice(a, b));
    holders.push(holder);
    from = b;
  }
  masked += text.slice(from);
  const restore = (out: string) => out.replace(MASK_RE, (_m, ch: string) => saved[ch.charCodeAt(0) - 0xe100] ?? "");
  const mask = (other: string) => saved.reduce((out, q, i) => out.split(q).join(holders[i] as string), other);
  return { masked, restore, mask };
}

/**
 * Runs a text rewrite everywhere but inside quotes: each quoted run is swapped for an inert
 * placeholder first and put back, byte for byte, afterwards.
 */
export function outsideQuotes(text: string, rewrite: (masked: string) => string): string {
  if (quotedSpans(text).length === 0) return rewrite(text);
  const { masked, restore } = maskQuotes(text);
  return restore(rewrite(masked));
}
