import type { ImportedRecipe } from "../recipe";
import { compactParams, sizeFromText, toInt, toNumber, toText } from "./values";

/** Keys only Fooocus's JSON scheme writes (modules/meta_parser.py, FooocusMetadataParser). */
const FOOOCUS_KEYS = ["full_prompt", "full_negative_prompt", "performance", "guidance_scale", "base_model"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Fooocus's prompt lists (the styled prompt and its "V2 expansion") joined as its a1111 scheme joins them. */
function joined(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const parts = value.filter((v): v is string => typeof v === "string" && v.trim() !== "");
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/**
 * Fooocus's JSON scheme: `parameters` holds sorted JSON (prompt, negative_prompt, full_prompt
 * lists, steps, resolution "(w, h)", guidance_scale, sampler, seed as a string, base_model...)
 * next to a `fooocus_scheme` chunk saying "fooocus". The prompt is the full one that reached
 * the model; what the user typed becomes the idea. Null when the JSON is not Fooocus's.
 */
export function fromFooocusJson(json: unknown, scheme: string | undefined): ImportedRecipe | null {
  if (!isRecord(json)) return null;
  const version = typeof json.version === "string" ? json.version : "";
  const looksLikeFooocus = scheme === "fooocus" || version.startsWith("Fooocus") || FOOOCUS_KEYS.some((k) => k in json);
  if (!looksLikeFooocus) return null;
  const typed = toText(json.prompt);
  const prompt = joined(json.full_prompt) ?? typed;
  if (prompt === undefined) return null;
  const result: ImportedRecipe = {
    source: "fooocus",
    prompt,
    params: compactParams({
      size: sizeFromText(json.resolution),
      seed: toInt(json.seed),
      steps: toInt(json.steps),
      guidance: toNumber(json.guidance_scale),
      sampler: toText(json.sampler),
      checkpoint: toText(json.base_model),
    }),
  };
  const negative = joined(json.full_negative_prompt) ?? toText(json.negative_prompt);
  if (negative !== undefined) result.negativePrompt = negative;
  if (typed !== undefined && typed !== prompt) result.idea = typed;
  return result;
}
