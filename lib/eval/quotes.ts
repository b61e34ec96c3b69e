/**
 * Quoted spans of an idea: the words a person wants rendered or kept exactly ("OPEN" on the sign).
 * Straight and curly double quotes, guillemets, German „…“, Japanese 「…」, and single quotes
 * only when they stand apart from letters on both sides, so "the fox's tail" is no quote.
 */
const PATTERNS: RegExp[] = [
  /"([^"\n]+)"/g,
  /“([^”\n]+)”/g,
  /„([^“”\n]+)[“”]/g,
  /«\s*([^»\n]+?)\s*»/g,
  /「([^」\n]+)」/g,
  /(?<![\p{L}\p{N}])'([^'\n]+?)'(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])‘([^’\n]+?)’(?![\p{L}\p{N}])/gu,
];

export function quotedSpans(text: string): string[] {
  const spans: string[] = [];
  for (const pattern of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const span = m[1]?.trim();
      if (span && !spans.includes(span)) spans.push(span);
    }
  }
  return spans;
}

export type QuotedKept = { total: number; kept: number; missing: string[] };

/** Every quoted span must come back verbatim: same letters, same case (spaces may differ in runs). */
export function quotedKept(idea: string, prompt: string): QuotedKept {
  const spans = quotedSpans(idea);
  const flat = prompt.replace(/\s+/g, " ");
  const missing = spans.filter((s) => !flat.includes(s.replace(/\s+/g, " ")));
  return { total: spans.length, kept: spans.length - missing.length, missing };
}
