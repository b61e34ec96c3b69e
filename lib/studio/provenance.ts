import "server-only";
import { AppError } from "@/lib/errors";
import { buildRecipe, RECIPE_KEYWORD, type Recipe, RecipeSchema, readPngText } from "@/lib/png";
import type { RecipeCheck } from "@/lib/png/recipe";
import type { ImageCheck } from "@/lib/schemas/checks";
import { embedProvenance } from "@/lib/png/embed-provenance";
import type { Generation, Idea, Image, PromptVersion } from "@/lib/schemas/entities";
import { deps } from "./deps";

export type RecipeSources = {
  idea: Idea;
  version: PromptVersion;
  lineage: string[];
  /** The house rules the version followed (issue 13), text and all, so the file says what they were. */
  houseRules?: { version: number; text: string };
};

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
  const rules = version.houseRulesVersion ? await store.getHouseRules(version.houseRulesVersion) : undefined;
  return { idea, version, lineage, ...(rules ? { houseRules: { version: rules.version, text: rules.text } } : {}) };
}

export function recipeFor(
  sources: RecipeSources,
  generation: Generation,
  seed: number | undefined,
  check?: ImageCheck,
): Recipe {
  const recipe = buildRecipe({ ...sources, generation, seed });
  return check ? { ...recipe, check: recipeCheck(check) } : recipe;
}

/** PNGs carry their recipe inside (A1111 `parameters` + our `promptsmith` JSON); other formats as they came. */
export function withProvenance(bytes: Uint8Array, mime: string, recipe: Recipe): Uint8Array {
  return mime === "image/png" ? embedProvenance(bytes, recipe) : bytes;
}

/** The recipe of a stored image, for the JSON beside non-PNG downloads (its latest check included, as in a PNG). */
export async function recipeOfImage(imageId: string): Promise<Recipe> {
  const { store } = deps();
  const image = await store.getImage(imageId);
  if (!image) throw new AppError("not_found", "The image was not found.");
  const [recipe, latest] = await Promise.all([currentRecipeOf(image), store.getLatestCheck(image.id)]);
  return latest ? { ...recipe, check: recipeCheck(latest) } : recipe;
}

/** The recipe as the rows say now (the version's approval included), not as it was at generation time. */
async function currentRecipeOf(image: Image): Promise<Recipe> {
  const generation = await deps().store.getGeneration(image.generationId);
  if (!generation) throw new AppError("not_found", "The generation was not found.");
  return recipeFor(await loadRecipeSources(image.promptId), generation, image.seed ?? undefined);
}

/**
 * A stored PNG whose `promptsmith` recipe says what the version's approval and the image's latest
 * check (issue 11) are now: its chunks were written when it was made, and an approval given (or
 * taken back) or a check made since must show in every copy served. Only those change: the rest
 * of the recipe stays as embedded (it is the record of how the image was made), and a file that
 * already agrees goes out as stored, byte for byte. Rewriting splices the two text chunks (~1 ms),
 * pixels untouched. `revision` names the approval and check state, for an ETag. Other formats,
 * and bytes that are no whole PNG, go as stored.
 */
export async function withCurrentRecipe(
  image: Image,
  file: { bytes: Buffer; mime: string },
): Promise<{ bytes: Buffer; mime: string; revision?: string }> {
  if (image.mime !== "image/png") return file;
  const { store } = deps();
  const [version, latest] = await Promise.all([store.getVersion(image.promptId), store.getLatestCheck(image.id)]);
  const approvedAt = version?.approvedAt ?? null;
  const check = latest ? recipeCheck(latest) : undefined;
  const stamp = (iso: string | null | undefined) => (iso ? Date.parse(iso).toString(36) : "0");
  const revision = `${image.id}.${stamp(approvedAt)}${check ? `.${stamp(check.createdAt)}` : ""}`;
  const embedded = await embeddedRecipe(file.bytes);
  if ((embedded?.prompt.approvedAt ?? null) === approvedAt && embedded?.check?.createdAt === check?.createdAt) {
    return { ...file, revision };
  }
  // A PNG without our chunk (or an unreadable one) gets the whole recipe from the rows.
  const base = embedded ?? (await currentRecipeOf(image));
  const { approvedAt: _old, ...prompt } = base.prompt;
  const { check: _oldCheck, ...rest } = base;
  const recipe: Recipe = {
    ...rest,
    prompt: approvedAt ? { ...prompt, approvedAt } : prompt,
    ...(check ? { check } : {}),
  };
  try {
    const bytes = embedProvenance(file.bytes, recipe);
    return { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), mime: file.mime, revision };
  } catch {
    return file;
  }
}

/** A check as a recipe carries it: the image is the file itself, so no imageId. */
export function recipeCheck(check: ImageCheck): RecipeCheck {
  return { judge: check.judge, score: check.score, items: check.items, createdAt: check.createdAt };
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
