import "server-only";
import { AppError } from "@/lib/errors";
import type { GenerationWithImages, IdeaDetail, IdeaSummary, Image, ImageDetail, Page } from "@/lib/schemas/entities";
import { LIMITS } from "@/lib/schemas/common";
import { deps } from "./deps";

export { getCatalog } from "./catalog";

type ImageQuery = {
  cursor?: string;
  limit?: number;
  ideaId?: string;
  backend?: string;
  favorite?: boolean;
  q?: string;
};

export async function listImages(query: ImageQuery): Promise<Page<Image>> {
  return deps().store.listImages({ ...query, limit: query.limit ?? LIMITS.pageSize });
}

export async function listIdeas(query: { cursor?: string; limit?: number; q?: string }): Promise<Page<IdeaSummary>> {
  return deps().store.listIdeas({ ...query, limit: query.limit ?? LIMITS.pageSize });
}

export async function getImage(id: string): Promise<Image | undefined> {
  return deps().store.getImage(id);
}

export async function getImageDetail(id: string): Promise<ImageDetail | undefined> {
  const { store } = deps();
  const image = await store.getImage(id);
  if (!image) return undefined;
  const [version, idea, generation] = await Promise.all([
    store.getVersion(image.promptId),
    store.getIdea(image.ideaId),
    store.getGeneration(image.generationId),
  ]);
  if (!version || !idea || !generation) return undefined;
  return { ...image, version, idea, generation };
}

/** The images before (newer) and after (older) this one in the gallery, for the image page's Previous and Next. */
export async function getImageNeighbours(id: string): Promise<{ previous: string | null; next: string | null }> {
  return (await deps().store.getImageNeighbours(id)) ?? { previous: null, next: null };
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
  await files.remove(id);
}

export async function deleteIdea(id: string): Promise<void> {
  const { store, files } = deps();
  const { deleted, imageIds } = await store.deleteIdea(id);
  if (!deleted) throw new AppError("not_found", "The idea was not found.");
  await Promise.all(imageIds.map((imageId) => files.remove(imageId)));
}

/** The image's bytes, with its idea's title (downloads are named after it and the seed). */
export async function readImageFile(id: string, kind: "full" | "thumb") {
  const { store, files } = deps();
  const image = await store.getImage(id);
  if (!image) throw new AppError("not_found", "The image was not found.");
  const [file, idea] = await Promise.all([files.read(id, kind), store.getIdea(image.ideaId)]);
  if (!file) throw new AppError("not_found", "The image file is missing.");
  return { image, file, title: idea?.title ?? "" };
}
