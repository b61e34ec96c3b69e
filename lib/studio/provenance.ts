import "server-only";
import { AppError } from "@/lib/errors";
import { buildRecipe, type Recipe } from "@/lib/png";
import { embedProvenance } from "@/lib/png/embed-provenance";
import type { Generation, Idea, PromptVersion } from "@/lib/schemas/entities";
import { deps } from "./deps";

export type RecipeSources = { idea: Idea; version: PromptVersion; lineage: string[] };

/** The idea, the version and its ancestors' ids (oldest first): what every image's recipe names. */
export async function loadRecipeSources(promptId: string): Promise<RecipeSources> {
  const { store } = deps();
  const version = await store.getVersion(promptId);
  if (!version) throw new AppError("not_found", "The prompt version was not found.");
  const idea = await store.getIdea(version.ideaId);
  if (!idea) throw new AppError("not_found", "The idea was not found.");
  const byId = new Map((await store.listVersions(idea.id)).map((v) => [v.id, v]));
  const lineage: string[] = [];
  for (let p = version.parentId; p && byId.has(p) && !lineage.includes(p); p = byId.get(p)?.parentId ?? null) {
    lineage.unshift(p);
  }
  return { idea, version, lineage };
}

export function recipeFor(sources: RecipeSources, generation: Generation, seed: number | undefined): Recipe {
  return buildRecipe({ ...sources, generation, seed });
}

/** PNGs carry their recipe inside (A1111 `parameters` + our `promptsmith` JSON); other formats as they came. */
export function withProvenance(bytes: Uint8Array, mime: string, recipe: Recipe): Uint8Array {
  return mime === "image/png" ? embedProvenance(bytes, recipe) : bytes;
}

/** The recipe of a stored image, for the JSON beside non-PNG downloads. */
export async function recipeOfImage(imageId: string): Promise<Recipe> {
  const { store } = deps();
  const image = await store.getImage(imageId);
  if (!image) throw new AppError("not_found", "The image was not found.");
  const generation = await store.getGeneration(image.generationId);
  if (!generation) throw new AppError("not_found", "The generation was not found.");
  return recipeFor(await loadRecipeSources(image.promptId), generation, image.seed ?? undefined);
}
