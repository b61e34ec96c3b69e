import { resolveParts } from "@/lib/refine/anatomy";
import { PART_NAMES, type PartName, type PromptParts, PromptPartsSchema } from "@/lib/schemas/entities";

/*
 * Server side only in practice (the refine use case), and apart from parts.ts, which the Studio
 * imports: this one checks with zod, and zod stays out of the browser (issue 12).
 */

/**
 * What a refiner said the parts are, made safe to store whatever the refiner: the schema's
 * shape, non-empty strings, each found in the prompt it describes and kept in the prompt's own
 * spelling (lib/refine/anatomy.ts, as the built-in refiners do). Null when nothing usable is left.
 */
export function partsToSave(raw: unknown, prompt: string, negativePrompt: string | null): PromptParts | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const strings = Object.fromEntries(
    PART_NAMES.map((name) => [name, (raw as Record<string, unknown>)[name]]).filter(([, v]) => typeof v === "string"),
  ) as Partial<Record<PartName, string>>;
  const checked = PromptPartsSchema.safeParse(resolveParts(strings, prompt, negativePrompt));
  return checked.success && Object.keys(checked.data).length > 0 ? checked.data : null;
}
