import { formatInfotext } from "./infotext";
import type { Recipe } from "./recipe";

/**
 * The recipe as A1111 infotext, for every tool that reads `parameters`. Only the settings we
 * know, in A1111's order. "Model" is the checkpoint when the backend loads one (A1111,
 * ComfyUI), else the backend's model (e.g. gpt-image-1). "Version: Promptsmith" names the
 * maker, as Fooocus does with its own name, and with Size and Model makes the three
 * settings A1111's reader needs to recognise the line even for a backend with no seed or steps.
 */
export function recipeToInfotext(recipe: Recipe): string {
  const { params } = recipe;
  return formatInfotext({
    prompt: recipe.prompt.text,
    negativePrompt: recipe.prompt.negative,
    params: {
      Steps: params.steps,
      Sampler: params.sampler,
      "CFG scale": params.guidance,
      Seed: recipe.seed ?? params.seed,
      Size: params.size,
      Model: params.checkpoint ?? recipe.model,
      Version: "Promptsmith",
    },
  });
}
