import { AppError } from "@/lib/errors";
import { type Recipe, RecipeSchema } from "./recipe";

/**
 * The recipe as JSON, checked against the schema first so we never embed a recipe our own
 * reader would reject; parsing also puts the keys in the schema's order, so the same image
 * always gets the same bytes.
 */
export function serializeRecipe(recipe: Recipe, opts: { pretty?: boolean } = {}): string {
  const checked = RecipeSchema.safeParse(recipe);
  if (!checked.success) {
    throw new AppError("internal", "This image's recipe is incomplete.", { cause: checked.error });
  }
  return JSON.stringify(checked.data, null, opts.pretty ? 2 : undefined);
}

/**
 * The recipe as a pretty-printed JSON file, for downloads of formats that cannot carry it
 * inside (JPEG, WebP): the same JSON as the PNG's `promptsmith` chunk, so one reader reads both.
 */
export function recipeSidecar(recipe: Recipe): string {
  return `${serializeRecipe(recipe, { pretty: true })}\n`;
}
