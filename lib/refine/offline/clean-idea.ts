import { blankQuotes, outsideQuotes, quotedSpans } from "./quotes";

/**
 * The idea as a person typed it, minus what is not part of the picture: surrounding quotes,
 * trailing full stops, a "please draw me a picture of" preamble, and shouting (an idea typed
 * all in capitals is read in lower case; the words themselves stay). Quoted text inside the
 * idea is lettering and stays exactly as typed.
 */
const PREAMBLE =
  /^(?:please\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|i\s+(?:want|would like|'d like|need)\s+(?:to\s+see\s+)?)?(?:(?:draw|paint|make|create|generate|render|show|imagine|design|give)\s+(?:me\s+|us\s+)?)?(?:(?:an?|the|some)\s+)?(?:(?:image|picture|pic|art|artwork|visual)s?\s+(?:of|showing|with)\s+)?/i;

export function cleanIdea(raw: string): string {
  let text = raw.replace(/\s+/g, " ").trim();
  // Quotes around the whole idea are not part of it; quotes inside it are lettering.
  const spans = quotedSpans(text);
  const wholeQuoted = spans.length === 1 && spans[0]?.[0] === 0 && spans[0]?.[1] === text.length;
  if (wholeQuoted || spans.length === 0) text = text.replace(/^["'“”‘’]+|["'“”‘’]+$/g, "").trim();
  const letters = blankQuotes(text).replace(/[^\p{L}]/gu, "");
  if (letters.length > 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    text = outsideQuotes(text, (t) => t.toLowerCase());
  }
  const stripped = text.replace(PREAMBLE, "");
  // Only drop the preamble when something of the picture is left ("draw" alone stays).
  if (/[\p{L}\p{N}]/u.test(stripped) && stripped.length < text.length) {
    // Put back an article the preamble swallowed, so "draw me a fox" stays "a fox".
    const swallowed = /\b(an?|the|some)\s+$/i.exec(text.slice(0, text.length - stripped.length))?.[1];
    text = swallowed && !/^(an?|the|some)\b/i.test(stripped) ? `${swallowed} ${stripped}` : stripped;
  }
  // A closing quote protects what it closes: "…says "OPEN!"" keeps its "!".
  return text.replace(/[\s.!?;:,]+$/u, "").trim();
}
