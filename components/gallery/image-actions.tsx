import Link from "next/link";
import { imageUrls } from "@/lib/client/api";
import { DeleteImageButton } from "./delete-image-button";
import { FavoriteButton } from "./favorite-button";

/** Reuse prompt, Download, Favorite, Delete. */
export function ImageActions({
  imageId,
  promptId,
  favorite,
}: {
  imageId: string;
  promptId: string;
  favorite: boolean;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <Link href={`/?version=${encodeURIComponent(promptId)}`} className="btn btn-primary">
        Reuse prompt
      </Link>
      <a href={imageUrls.download(imageId)} download className="btn btn-secondary">
        Download
      </a>
      <FavoriteButton imageId={imageId} initial={favorite} />
      <DeleteImageButton imageId={imageId} />
    </div>
  );
}
