// Client-safe: everything here runs in the browser too (pure TypeScript over Uint8Array, zod,
// DecompressionStream). The server writer is NOT exported here; import it from
// "@/lib/png/embed-provenance" so it can never end up in a client bundle.
export { type BuildRecipeSources, buildRecipe } from "./build-recipe";
export { formatInfotext, type Infotext, type InfotextInput, parseInfotext } from "./infotext";
export { isPng } from "./png-structure";
export { type PngText, type PngTextKind, readPngText } from "./read-png-text";
export { readRecipe } from "./read-recipe";
export {
  type ImportedParams,
  type ImportedRecipe,
  ImportedRecipeSchema,
  type ImportSource,
  PARAMETERS_KEYWORD,
  RECIPE_KEYWORD,
  type Recipe,
  RecipeSchema,
} from "./recipe";
export { recipeFromTexts } from "./recipe-from-texts";
export { recipeToInfotext } from "./recipe-infotext";
export { recipeSidecar } from "./recipe-json";
