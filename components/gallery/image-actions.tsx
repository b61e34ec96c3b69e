import Link from "next/link";
import { imageUrls } from "@/lib/client/api";
import { DeleteImageButton } from "./delete-image-button";
import { FavoriteButton } from "./favorite-button";

/** The studio address that reopens this image's prompt with its settings; `seed` says whether its seed comes too. */
export function reuseHref(promptId: string, imageId: string, seed: "same" | "new"): string {
  return `/?${new URLSearchParams({ version: promptId, image: imageId, seed }).toString()}`;
}

/**
 * Reuse prompt (with this image's seed, or a new one), Download (named after the title and
 * seed), Favorite, Delete. Both Reuse links bring the image's backend, size and parameters.
 */
export function ImageActions({
  imageId,
  promptId,
  favorite,
  seed,
  downloadName,
  galleryHref,
}: {
  imageId: string;
  promptId: string;
  favorite: boolean;
  /** The image's seed; without one there is nothing to keep, so only "Reuse prompt" is offered. */
  seed: number | null;
  downloadName: string;
  /** Where Delete returns to: the gallery, filtered as it was when the image was opened. */
  galleryHref: string;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      {seed != null ? (
        <>
          <Link href={reuseHref(promptId, imageId, "same")} className="btn btn-primary">
            Reuse prompt and seed
          </Link>
          <Link href={reuseHref(promptId, imageId, "new")} className="btn btn-secondary">
            Reuse prompt, new seed
          </Link>
        </>
      ) : (
        <Link href={reuseHref(promptId, imageId, "new")} className="btn btn-primary">
          Reuse prompt
        </Link>
      )}
      <a href={imageUrls.download(imageId)} download={downloadName} className="btn btn-secondary">
        Download
      </a>
      <FavoriteButton imageId={imageId} initial={favorite} />
      <DeleteImageButton imageId={imageId} redirectTo={galleryHref} />
    </div>
  );
}
