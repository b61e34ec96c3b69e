import "server-only";
import { byCreated } from "@/lib/client/versions";
import type { Comparison, Generation, GenerationWithImages, Idea, Image, PromptVersion } from "@/lib/schemas/entities";
import type { Feedback } from "@/lib/schemas/shares";
import { extensionFor } from "@/lib/text/file-name";

/** One image of the archive and the path it gets inside it ("images/3-1234.png"). */
export type ExportImage = { image: Image; generation: Generation; path: string };

/**
 * Everything one export holds, read from the store before the first byte is sent (so a missing
 * idea or comparison is still a 404); only the image bytes are read later, one at a time.
 */
export type ExportBundle = {
  kind: "idea" | "comparison";
  idea: Idea;
  /** The comparison exported, or null for an idea. */
  comparison: Comparison | null;
  /** Every version of the idea, oldest first: the tree, and the numbers (step 1, 2…) it gives. */
  versions: PromptVersion[];
  /** The generations exported (all of the idea's, or the comparison's cells'), oldest first, with their images. */
  generations: GenerationWithImages[];
  /** Their images in the order of the story: step by step (or cell by cell), oldest first within one. */
  images: ExportImage[];
  /** Visitors' notes and votes, oldest first. */
  feedback: Feedback[];
  exportedAt: string;
};

/**
 * `images/<n>-<seed or id>.<ext>`: numbered in story order so the folder lists as the story
 * reads, with the seed (or, without one, the id) so two images of one step stay apart.
 */
export function imagePath(n: number, image: Pick<Image, "id" | "seed" | "mime">): string {
  return `images/${n}-${image.seed ?? image.id}.${extensionFor(image.mime)}`;
}

/** The images of `generations` in the order `rank` gives their generations (then oldest first), with their paths. */
export function orderImages(
  generations: readonly GenerationWithImages[],
  rank: (g: GenerationWithImages) => number,
): ExportImage[] {
  const ordered = [...generations].sort((a, b) => rank(a) - rank(b) || byCreated(a, b));
  const out: ExportImage[] = [];
  for (const generation of ordered) {
    const { images, ...rest } = generation;
    for (const image of [...images].sort(byCreated)) {
      out.push({ image, generation: rest, path: imagePath(out.length + 1, image) });
    }
  }
  return out;
}

export function sortFeedback(items: readonly Feedback[]): Feedback[] {
  return [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
