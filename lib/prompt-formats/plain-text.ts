import { parseTags } from "@/lib/refine/offline/tags";

/**
 * A prompt without Stable Diffusion syntax, for targets that would read it as words:
 * "(warm light:1.2)" → "warm light", "<lora:film:0.8>" dropped, "BREAK" → a comma.
 * Bare parentheses in prose are left alone: they may be ordinary punctuation.
 */
export function withoutWeights(text: string): string {
  return tidy(
    text
      .replace(/<(?:lora|lyco|hypernet):[^>]*>/gi, " ")
      .replace(/\bBREAK\b/g, ",")
      .replace(/\(([^():]+):\s*-?\d+(?:\.\d+)?\)/g, "$1"),
  );
}

/** A tag list's words without weights or emphasis brackets: "(fox:1.2), [snow]" → "fox, snow". */
export function plainTags(tags: string): string {
  return parseTags(withoutWeights(tags))
    .map((t) => t.text)
    .join(", ");
}

/** Collapses the gaps left by removals: doubled commas, spaces before punctuation, stray edges. */
export function tidy(text: string): string {
  return text
    .replace(/[ \t]+/g, " ")
    .replace(/\s+([,.;:!?])/g, "$1")
    .replace(/,(\s*,)+/g, ",")
    .replace(/^[\s,]+|[\s,]+$/g, "")
    .replace(/ *\n */g, "\n");
}

/** One line: Midjourney takes a prompt as a single message. */
export function oneLine(text: string): string {
  return text
    .split(/\s*\n\s*/)
    .filter(Boolean)
    .map((line, i, all) => (i < all.length - 1 && !/[.,;:!?]$/.test(line) ? `${line},` : line))
    .join(" ");
}
