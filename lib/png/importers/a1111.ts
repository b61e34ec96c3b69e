import { parseInfotext } from "../infotext";
import type { ImportedRecipe } from "../recipe";
import { compactParams, sizeFromText, toInt, toNumber, toText } from "./values";

/**
 * Infotext from AUTOMATIC1111, Forge, SD.Next and Fooocus's "a1111" scheme. Fooocus is told
 * apart by its `fooocus_scheme` chunk or its name in Version ("Fooocus v2.5.5"); it puts the
 * full, styled prompt first and what the user typed in "Raw prompt", which becomes the idea.
 * Null when the text holds nothing at all.
 */
export function fromInfotext(text: string, fooocusScheme?: string): ImportedRecipe | null {
  const info = parseInfotext(text);
  const p = info.params;
  if (info.prompt === "" && info.negativePrompt === undefined && Object.keys(p).length === 0) return null;
  const fooocus = fooocusScheme !== undefined || (p.Version?.startsWith("Fooocus") ?? false);
  const result: ImportedRecipe = {
    source: fooocus ? "fooocus" : "a1111",
    prompt: info.prompt,
    params: compactParams({
      size: sizeFromText(p.Size),
      seed: toInt(p.Seed),
      steps: toInt(p.Steps),
      guidance: toNumber(p["CFG scale"]),
      sampler: toText(p.Sampler),
      checkpoint: toText(p.Model),
    }),
  };
  if (info.negativePrompt !== undefined) result.negativePrompt = info.negativePrompt;
  const raw = toText(p["Raw prompt"]);
  if (raw !== undefined && raw !== info.prompt) result.idea = raw;
  return result;
}
