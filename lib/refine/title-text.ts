import { insideQuotes, quotedSpans } from "./offline/quotes";

/**
 * Title helpers both refiners use, so a title never ends inside quoted lettering: 'Neon Sign
 * That Says "OPEN 24 HOURS"' is whole or the quote is left out, never '…"OPEN 24 HOURS'.
 */

/** Cuts `text` to at most `max` characters at a space outside quotes; a quote that opens the title is kept whole. */
export function clipTitle(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const spans = quotedSpans(t);
  for (let at = t.lastIndexOf(" ", max); at > 0; at = t.lastIndexOf(" ", at - 1)) {
    if (!insideQuotes(spans, at)) return t.slice(0, at).replace(/[\s,;:.-]+$/, "");
  }
  // No space outside quotes before the limit: a long quote opens the title, and is the title.
  const first = spans[0];
  return first && first[0] === 0 ? t.slice(0, first[1]) : t.slice(0, max);
}

/** A chat model's title: quotes around the whole of it and trailing full stops go, quotes inside stay. */
export function unwrapTitle(raw: string): string {
  let t = raw
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\s.]+$/, "");
  const spans = quotedSpans(t);
  const whole = spans.length === 1 && spans[0]?.[0] === 0 && spans[0]?.[1] === t.length;
  if (whole || spans.length === 0) t = t.replace(/^["'“”‘’\s]+|["'“”‘’\s]+$/g, "");
  return t.replace(/[\s.]+$/, "");
}
