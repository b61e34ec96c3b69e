import type { Generation, Idea, PromptVersion } from "@/lib/schemas/entities";
import type { Recipe } from "./recipe";

export type BuildRecipeSources = {
  idea: Pick<Idea, "id" | "text">;
  version: Pick<PromptVersion, "id" | "prompt" | "negativePrompt" | "refiner" | "model" | "style" | "dialect"> & {
    /** The approval as it stands now: a recipe built later than its image says so (embed on serving). */
    approvedAt?: string | null;
  };
  /** Ids of the version's ancestors, oldest first (the version itself not included). */
  lineage: string[];
  /** Pass the params the backend ran with (defaults such as size filled in), not the bare request. */
  generation: Pick<Generation, "backend" | "model" | "params" | "createdAt" | "durationMs">;
  /** The image's own seed when the backend reports it. */
  seed?: number | null;
  /** The house rules the version's refinement followed (issue 13), when it followed any. */
  houseRules?: { version: number; text: string };
};

/** The recipe of one image, from the rows that made it. Pure; keys in a stable order. */
export function buildRecipe({ idea, version, lineage, generation, seed, houseRules }: BuildRecipeSources): Recipe {
  return {
    version: 1,
    idea: { id: idea.id, text: idea.text },
    prompt: {
      id: version.id,
      text: version.prompt,
      negative: version.negativePrompt,
      lineage: [...lineage],
      refiner: version.refiner,
      model: version.model,
      style: version.style,
      dialect: version.dialect,
      ...(version.approvedAt ? { approvedAt: version.approvedAt } : {}),
      ...(houseRules ? { houseRules: { version: houseRules.version, text: houseRules.text } } : {}),
    },
    backend: generation.backend,
    model: generation.model,
    params: { ...generation.params },
    seed: seed ?? generation.params.seed ?? null,
    timings: { createdAt: generation.createdAt, durationMs: generation.durationMs },
    app: "Promptsmith",
  };
}
