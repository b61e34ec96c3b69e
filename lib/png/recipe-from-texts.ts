import { fromInfotext } from "./importers/a1111";
import { fromComfyPrompt } from "./importers/comfyui";
import { fromFooocusJson } from "./importers/fooocus";
import { fromPromptsmith } from "./importers/promptsmith";
import { type ImportedRecipe, PARAMETERS_KEYWORD, RECIPE_KEYWORD } from "./recipe";
import type { PngText } from "./text-chunk-decode";

/** `parameters` is infotext (A1111, Forge, Fooocus's a1111 scheme) or, from Fooocus, JSON. */
function fromParameters(text: string, fooocusScheme: string | undefined): ImportedRecipe | null {
  if (text.trimStart().startsWith("{")) {
    try {
      return fromFooocusJson(JSON.parse(text), fooocusScheme);
    } catch {
      // Not JSON: a prompt that happens to start with a brace. Read it as infotext.
    }
  }
  return fromInfotext(text, fooocusScheme);
}

/**
 * The recipe in a set of PNG text chunks, recognised in order: Promptsmith's own JSON,
 * `parameters` (A1111/Forge infotext, or Fooocus's JSON or infotext), then ComfyUI's `prompt`
 * graph. A source that is present but unreadable falls through to the next. When a keyword
 * repeats, the last chunk wins, as in Pillow. Pure and synchronous, so it also serves
 * metadata found elsewhere (EXIF, a sidecar). Null when nothing is recognised.
 */
export function recipeFromTexts(texts: readonly PngText[]): ImportedRecipe | null {
  const last = (keyword: string) => texts.findLast((t) => t.keyword === keyword)?.text;

  const ours = last(RECIPE_KEYWORD);
  const fromOurs = ours === undefined ? null : fromPromptsmith(ours);
  if (fromOurs) return fromOurs;

  const parameters = last(PARAMETERS_KEYWORD);
  const fromParams = parameters === undefined ? null : fromParameters(parameters, last("fooocus_scheme"));
  if (fromParams) return fromParams;

  const graph = last("prompt");
  return graph === undefined ? null : fromComfyPrompt(graph);
}
