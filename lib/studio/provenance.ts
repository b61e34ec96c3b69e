import "server-only";
import { AppError } from "@/lib/errors";
import { buildRecipe, RECIPE_KEYWORD, type Recipe, RecipeSchema, readPngText } from "@/lib/png";
import { embedProvenance } from "@/lib/png/embed-provenance";
import type { Generation, Idea, Image, PromptVersion } from "@/lib/schemas/entities";
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
  const image = await deps().store.getImage(imageId);
  if (!image) throw new AppError("not_found", "The image was not found.");
  return currentRecipeOf(image);
}

/** The recipe as the rows say now (the version's approval included), not as it was at generation time. */
async function currentRecipeOf(image: Image): Promise<Recipe> {
  const generation = await deps().store.getGeneration(image.generationId);
  if (!generation) throw new AppError("not_found", "The generation was not found.");
  return recipeFor(await loadRecipeSources(image.promptId), generation, image.seed ?? undefined);
}

/**
 * A stored PNG whose `promptsmith` recipe says what the version's approval is now: its chunks were
 * written when it was made, and an approval given (or taken back) since must show in every copy
 * served. Only the approval changes: the rest of the recipe stays as embedded (it is the record
 * of how the image was made), and a file that already agrees goes out as stored, byte for byte.
 * Rewriting splices the two text chunks (~1 ms), pixels untouched. `revision` names the approval
 * state, for an ETag. Other formats, and bytes that are no whole PNG, go as stored.
 */
export async function withCurrentRecipe(
  image: Image,
  file: { bytes: Buffer; mime: string },
): Promise<{ bytes: Buffer; mime: string; revision?: string }> {
  if (image.mime !== "image/png") return file;
  const version = await deps().store.getVersion(image.promptId);
  const approvedAt = version?.approvedAt ?? null;
  const revision = `${image.id}.${approvedAt ? Date.parse(approvedAt).toString(36) : "0"}`;
  const embedded = await embeddedRecipe(file.bytes);
  if ((embedded?.prompt.approvedAt ?? null) === approvedAt) return { ...file, revision };
  // A PNG without our chunk (or an unreadable one) gets the whole recipe from the rows.
  const base = embedded ?? (await currentRecipeOf(image));
  const { approvedAt: _old, ...prompt } = base.prompt;
  const recipe: Recipe = { ...base, prompt: approvedAt ? { ...prompt, approvedAt } : prompt };
  try {
    const bytes = embedProvenance(file.bytes, recipe);
    return { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), mime: file.mime, revision };
  } catch {
    return file;
  }
}

/** The `promptsmith` JSON inside a PNG, when there is one that reads as a recipe. */
async function embeddedRecipe(bytes: Uint8Array): Promise<Recipe | undefined> {
  const text = (await readPngText(bytes)).find((t) => t.keyword === RECIPE_KEYWORD)?.text;
  if (text === undefined) return undefined;
  try {
    const parsed = RecipeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
