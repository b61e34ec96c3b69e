import type { PartName, PromptParts } from "@/lib/schemas/entities";
import { PART_NAMES } from "@/lib/schemas/names";
import { escapeRegExp } from "@/lib/text/escape-regexp";

/*
 * A version's anatomy and its locks. A part's text is kept only while it can still be found
 * in the prompt (the negative part in the negative prompt): a lock is a promise to keep that
 * exact text, and a part that cannot be found could not be kept.
 */

/**
 * True when `part` appears in `text` as whole words (whitespace runs count as one space), so
 * "red fox" is found in "a red fox, snow" but not in "a tired foxglove".
 */
export function appearsIn(text: string | null | undefined, part: string, opts: { ignoreCase?: boolean } = {}): boolean {
  const needle = part.trim();
  if (!text || !needle) return false;
  const body = needle.split(/\s+/).map(escapeRegExp).join("\\s+");
  const start = /^[\p{L}\p{N}]/u.test(needle) ? "(?<![\\p{L}\\p{N}])" : "";
  const end = /[\p{L}\p{N}]$/u.test(needle) ? "(?![\\p{L}\\p{N}])" : "";
  return new RegExp(`${start}${body}${end}`, opts.ignoreCase ? "iu" : "u").test(text);
}

function whereFound(name: PartName, prompt: string, negativePrompt: string | null): string | null {
  return name === "negative" ? negativePrompt : prompt;
}

/** The locks that still mean something: each on a part the version has, in anatomy order. */
export function locksFor(locks: readonly PartName[], parts: PromptParts | null): PartName[] {
  return PART_NAMES.filter((name) => locks.includes(name) && Boolean(parts?.[name]?.trim()));
}

/**
 * A hand edit keeps the parent's parts whose text is still there word for word (and their
 * locks); the rest were rewritten by hand and are dropped.
 */
export function carryOverParts(
  parent: { parts: PromptParts | null; locks: readonly PartName[] },
  prompt: string,
  negativePrompt: string | null,
): { parts: PromptParts | null; locks: PartName[] } {
  if (!parent.parts) return { parts: null, locks: [] };
  const kept: PromptParts = {};
  for (const name of PART_NAMES) {
    const text = parent.parts[name];
    if (text && appearsIn(whereFound(name, prompt, negativePrompt), text)) kept[name] = text;
  }
  const parts = Object.keys(kept).length > 0 ? kept : null;
  return { parts, locks: locksFor(parent.locks, parts) };
}
