import "server-only";
import { AppError } from "@/lib/errors";
import type {
  GenerationWithImages,
  IdeaDetail,
  IdeaSummary,
  Image,
  ImageDetail,
  Page,
  PromptVersion,
} from "@/lib/schemas/entities";
import { LIMITS } from "@/lib/schemas/common";
import { rangeToTimes } from "@/lib/schemas/day-range";
import type { IdeaListFilter, IdeaListQuery } from "@/lib/store/types";
import { deps } from "./deps";
import { sharedHotThumbs } from "./hot-thumbs";
import { withCurrentRecipe } from "./provenance";

export { getCatalog } from "./catalog";

/** What the gallery narrows its images to: GET /api/images's filter, and the image page's. */
export type ImageFilter = {
  ideaId?: string;
  backend?: string;
  favorite?: boolean;
  q?: string;
  /** Issue 11: best score first, and narrowing by the latest check (lib/store/types.ts ImageListFilter). */
  sort?: "newest" | "score";
  checked?: boolean;
  minScore?: number;
  hasMisses?: boolean;
  /** Issue 12: the generation's model, the image's seed and size; from/to: days or ISO times (day-range.ts). */
  model?: string;
  seed?: number;
  size?: { width: number; height: number };
  from?: string;
  to?: string;
};

type ImageQuery = ImageFilter & { cursor?: string; limit?: number };

/** The store's filter: a range's days become the ISO times they cover (a day as `to` counts in whole). */
function storeFilter<T extends ImageFilter>({ from, to, ...rest }: T) {
  return { ...rest, ...rangeToTimes(from, to) };
}

export async function listImages(query: ImageQuery): Promise<Page<Image>> {
  return deps().store.listImages({ ...storeFilter(query), limit: query.limit ?? LIMITS.pageSize });
}

export async function listIdeas(
  query: IdeaListFilter & { cursor?: string; limit?: number; sort?: IdeaListQuery["sort"] },
): Promise<Page<IdeaSummary>> {
  return deps().store.listIdeas({ ...query, limit: query.limit ?? LIMITS.pageSize });
}

export async function getImage(id: string): Promise<Image | undefined> {
  return deps().store.getImage(id);
}

export async function getImageDetail(id: string): Promise<ImageDetail | undefined> {
  const { store } = deps();
  const image = await store.getImage(id);
  if (!image) return undefined;
  const [version, idea, generation, check] = await Promise.all([
    store.getVersion(image.promptId),
    store.getIdea(image.ideaId),
    store.getGeneration(image.generationId),
    store.getLatestCheck(id),
  ]);
  if (!version || !idea || !generation) return undefined;
  return { ...image, version, idea, generation, check: check ?? null };
}

/**
 * The images before (newer) and after (older) this one in the gallery, for the image page's
 * Previous and Next: among those the gallery's filter keeps, when it was opened from a filtered one.
 */
export async function getImageNeighbours(
  id: string,
  filter: ImageFilter = {},
): Promise<{ previous: string | null; next: string | null }> {
  return (await deps().store.getImageNeighbours(id, storeFilter(filter))) ?? { previous: null, next: null };
}

/**
 * The refinement a version's prompt comes from: the version itself when a refiner wrote it,
 * else its nearest refined ancestor (a hand edit copies its parent but says refiner "manual").
 * Null for a prompt written by hand all the way up (typed, imported, or from the library).
 */
export async function getPromptRefinement(version: PromptVersion): Promise<{ refiner: string; model: string } | null> {
  if (version.source === "refine") return { refiner: version.refiner, model: version.model };
  if (!version.parentId) return null;
  // One read of the idea's versions, then up the tree in memory (a long run of edits is many steps).
  const byId = new Map((await deps().store.listVersions(version.ideaId)).map((v) => [v.id, v]));
  let at = byId.get(version.parentId);
  // Bounded by the tree's size: a parent loop cannot be written, but need not hang the page either.
  for (let steps = 0; at && steps < byId.size; steps++) {
    if (at.source === "refine") return { refiner: at.refiner, model: at.model };
    at = at.parentId ? byId.get(at.parentId) : undefined;
  }
  return null;
}

export async function getGenerationWithImages(id: string): Promise<GenerationWithImages | undefined> {
  const { store } = deps();
  const generation = await store.getGeneration(id);
  if (!generation) return undefined;
  return { ...generation, images: await store.listImagesForGeneration(id) };
}

export async function getIdeaDetail(id: string): Promise<IdeaDetail | undefined> {
  const { store } = deps();
  const idea = await store.getIdea(id);
  if (!idea) return undefined;
  const [versions, generations, library, comparisons] = await Promise.all([
    store.listVersions(id),
    store.listGenerationsForIdea(id),
    store.listLibraryForIdea(id),
    store.listComparisons(id),
  ]);
  const withImages = await Promise.all(
    generations.map(async (g) => ({ ...g, images: await store.listImagesForGeneration(g.id) })),
  );
  return { idea, versions, generations: withImages, library, comparisons };
}

/** The idea a version belongs to, for opening a version in the studio. */
export async function getIdeaDetailForVersion(versionId: string): Promise<IdeaDetail | undefined> {
  const version = await deps().store.getVersion(versionId);
  return version ? getIdeaDetail(version.ideaId) : undefined;
}

export async function setFavorite(id: string, favorite: boolean): Promise<Image> {
  const image = await deps().store.setFavorite(id, favorite);
  if (!image) throw new AppError("not_found", "The image was not found.");
  return image;
}

/** Row first, then the files: a crash in between leaves an orphan file (swept), never a dangling row. */
export async function deleteImage(id: string): Promise<void> {
  const { store, files } = deps();
  const deleted = await store.deleteImage(id);
  if (!deleted) throw new AppError("not_found", "The image was not found.");
  // The fast lane answers thumbnails without asking the store: gone from here at once.
  sharedHotThumbs().forget(id);
  await files.remove(id);
}

export async function deleteIdea(id: string): Promise<void> {
  const { store, files } = deps();
  const { deleted, imageIds } = await store.deleteIdea(id);
  if (!deleted) throw new AppError("not_found", "The idea was not found.");
  for (const imageId of imageIds) sharedHotThumbs().forget(imageId);
  await Promise.all(imageIds.map((imageId) => files.remove(imageId)));
}

/** The image's bytes, with its idea's title (downloads are named after it and the seed). */
export async function readImageFile(id: string, kind: "full" | "thumb") {
  const { store, files } = deps();
  const image = await store.getImage(id);
  if (!image) throw new AppError("not_found", "The image was not found.");
  const [stored, idea] = await Promise.all([files.read(id, kind), store.getIdea(image.ideaId)]);
  if (!stored) throw new AppError("not_found", "The image file is missing.");
  // A full PNG carries its recipe as it stands now (an approval given since it was made included).
  const file = kind === "full" ? await withCurrentRecipe(image, stored) : stored;
  return { image, file, title: idea?.title ?? "" };
}
