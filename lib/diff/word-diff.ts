import { diffWords } from "diff";

/*
 * Why a library and not a hand-rolled diff: a readable word diff needs a tokeniser that keeps
 * punctuation apart from words ("snow," vs "snow"), treats runs of whitespace as insignificant
 * while still giving them back in the output, and does not split non-Latin words mid-way; and it
 * needs Myers' O(ND) algorithm with its edge cases (empty sides, identical texts, long common
 * runs, ties between equally short edit scripts) done right. jsdiff (`diff`) is small, well kept
 * and has exactly this in `diffWords`. We only shape its change objects for the UI.
 */

export type DiffKind = "same" | "added" | "removed";
export type DiffSegment = { kind: DiffKind; text: string };

// Word boundaries by Unicode rules where the runtime has them (every current browser and Node);
// without a segmenter jsdiff splits Cyrillic or Greek words into pieces.
const segmenter =
  typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter("und", { granularity: "word" }) : undefined;

/**
 * The changes from `before` to `after`, word by word: runs of the same kind merged, and in a
 * replacement the removed words come before the added ones. Joining the `same` and `added`
 * segments gives `after` exactly; `same` and `removed` give `before` up to whitespace.
 */
export function wordDiff(before: string, after: string): DiffSegment[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const changes = diffWords(before, after, segmenter ? { intlSegmenter: segmenter } : undefined);
  const out: DiffSegment[] = [];
  for (const c of changes) {
    if (!c.value) continue;
    const kind: DiffKind = c.added ? "added" : c.removed ? "removed" : "same";
    const last = out.at(-1);
    if (last && last.kind === kind) last.text += c.value;
    else out.push({ kind, text: c.value });
  }
  return out;
}

/** How many words were added and removed, for a one-line summary ("+4 words, −2 words"). */
export function diffCounts(segments: readonly DiffSegment[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const s of segments) {
    if (s.kind === "same") continue;
    const n = countWords(s.text);
    if (s.kind === "added") added += n;
    else removed += n;
  }
  return { added, removed };
}

function countWords(text: string): number {
  if (segmenter) {
    let n = 0;
    for (const s of segmenter.segment(text)) if (s.isWordLike) n++;
    // Punctuation-only changes ("." → "!") still count as one change each side.
    return n || (text.trim() ? 1 : 0);
  }
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length;
}

/** True when the texts differ only in whitespace (a diff would show nothing). */
export function sameWords(before: string, after: string): boolean {
  return before.trim().split(/\s+/).join(" ") === after.trim().split(/\s+/).join(" ");
}
