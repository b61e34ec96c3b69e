import type { PartName, PromptParts } from "@/lib/schemas/entities";
import { PART_NAMES } from "@/lib/schemas/names";
import { escapeRegExp } from "@/lib/text/escape-regexp";

/**
 * A prompt's anatomy as text: finding a part's words in a prompt the way the prompt spells
 * them. Pure and client-safe, shared by both refiners and by lock enforcement.
 */

/**
 * Where `needle` occurs in `haystack`: exactly, else ignoring case and runs of whitespace.
 * Returns the haystack's own spelling, so the answer is always a true substring.
 */
export function locateText(haystack: string, needle: string | undefined | null): string | undefined {
  const want = (needle ?? "").trim();
  if (!want || !haystack) return undefined;
  if (haystack.includes(want)) return want;
  const body = want.split(/\s+/).map(escapeRegExp).join("\\s+");
  const match = new RegExp(body, "iu").exec(haystack);
  return match?.[0];
}

/** Offset of `needle` in `haystack` (as `locateText` finds it), or -1. */
export function indexOfText(haystack: string, needle: string): number {
  const found = locateText(haystack, needle);
  return found === undefined ? -1 : haystack.indexOf(found);
}

/**
 * Keeps only the parts whose text is really in the prompt (the negative part in the negative
 * prompt), each in the prompt's own spelling; empty and missing parts are left out.
 */
export function resolveParts(
  raw: Partial<Record<PartName, string | null | undefined>> | null | undefined,
  prompt: string,
  negativePrompt: string | undefined | null,
): PromptParts {
  const out: PromptParts = {};
  if (!raw) return out;
  for (const name of PART_NAMES) {
    const text = raw[name];
    const found = locateText(name === "negative" ? (negativePrompt ?? "") : prompt, text);
    if (found) out[name] = found;
  }
  return out;
}

/** The A1111 weight syntax taken off a tag text: "(red fox:1.2)" → "red fox". */
export function unweighted(text: string): string {
  return text
    .replace(/\(([^():]+):\s*-?\d+(?:\.\d+)?\)/g, "$1")
    .replace(/[()[\]]/g, "")
    .trim();
}

/** How each part is named in notes. */
export const PART_WORDS: Record<PartName, string> = {
  subject: "subject",
  setting: "setting",
  medium: "medium",
  lighting: "lighting",
  composition: "composition",
  palette: "palette",
  details: "details",
  negative: "negative prompt",
};
