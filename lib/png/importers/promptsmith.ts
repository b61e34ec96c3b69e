import { type ImportedRecipe, RecipeSchema } from "../recipe";
import { compactParams, toSize } from "./values";

/** Our own `promptsmith` JSON; null when it does not parse or does not match version 1. */
export function fromPromptsmith(text: string): ImportedRecipe | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = RecipeSchema.safeParse(json);
  if (!parsed.success) return null;
  const recipe = parsed.data;
  const [width, height] = (recipe.params.size ?? "").split("x");
  const result: ImportedRecipe = {
    source: "promptsmith",
    prompt: recipe.prompt.text,
    params: compactParams({
      size: toSize(width, height),
      seed: recipe.seed ?? recipe.params.seed,
      steps: recipe.params.steps,
      guidance: recipe.params.guidance,
      sampler: recipe.params.sampler,
      checkpoint: recipe.params.checkpoint,
    }),
    idea: recipe.idea.text,
  };
  if (recipe.prompt.negative) result.negativePrompt = recipe.prompt.negative;
  return result;
}
