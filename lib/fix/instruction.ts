import type { CheckResultItem } from "@/lib/schemas/checks";
import { LIMITS } from "@/lib/schemas/common";

/** An item's text as a clause: "There are exactly two foxes." → "there are exactly two foxes". */
function clause(text: string): string {
  const t = text.trim().replace(/[.;]+$/, "");
  return t.charAt(0).toLowerCase() + t.slice(1);
}

/**
 * A fix round's instruction: the items that missed, then the ones that passed, to keep
 * ("Fix: there are exactly two foxes; the foxes are red. Keep: the moon is full"). When nothing
 * failed outright, the unsure items are the ones to make plain. Shortened to fit the refine
 * body's limit, dropping kept items first: the misses are the point.
 */
export function fixInstruction(items: readonly CheckResultItem[]): string {
  const failed = items.filter((i) => i.verdict === "fail");
  const toFix = failed.length > 0 ? failed : items.filter((i) => i.verdict === "unsure");
  const keep = items.filter((i) => i.verdict === "pass").map((i) => clause(i.text));
  const fix = `Fix: ${toFix.map((i) => clause(i.text)).join("; ")}`;
  const max = LIMITS.instructionChars;
  let text = keep.length > 0 ? `${fix}. Keep: ${keep.join("; ")}` : fix;
  while (text.length > max && keep.length > 0) {
    keep.pop();
    text = keep.length > 0 ? `${fix}. Keep: ${keep.join("; ")}` : fix;
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Items that still need fixing: a fail, or (when nothing failed) an unsure. */
export function hasMisses(items: readonly CheckResultItem[]): boolean {
  return items.some((i) => i.verdict !== "pass");
}

export function allPassed(items: readonly CheckResultItem[]): boolean {
  return items.length > 0 && items.every((i) => i.verdict === "pass");
}
