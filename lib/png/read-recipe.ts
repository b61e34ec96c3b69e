import { readPngText } from "./read-png-text";
import type { ImportedRecipe } from "./recipe";
import { recipeFromTexts } from "./recipe-from-texts";

/**
 * The recipe inside a PNG, from whichever tool made it (see recipeFromTexts), or null: not a
 * PNG, no recipe, or one we cannot read. Client-safe; runs on files the user drops in.
 */
export async function readRecipe(bytes: Uint8Array): Promise<ImportedRecipe | null> {
  try {
    return recipeFromTexts(await readPngText(bytes));
  } catch {
    // Belt and braces: every step above is written not to throw and is fuzzed for it, but a
    // file the user dropped must never break the studio.
    return null;
  }
}
