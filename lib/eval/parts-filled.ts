import { PART_NAMES, type PromptParts } from "@/lib/schemas/entities";

/** The fraction of the anatomy's parts (PART_NAMES, negative included) that have text. */
export function partsFilled(parts: PromptParts | undefined): { filled: number; total: number } {
  const filled = PART_NAMES.filter((name) => (parts?.[name] ?? "").trim().length > 0).length;
  return { filled, total: PART_NAMES.length };
}
