import Link from "next/link";
import { imageUrls } from "@/lib/client/api";
import type { Image } from "@/lib/schemas/entities";

/**
 * A finished image: its thumbnail, sized before it loads, opening its detail page.
 * (Its card's header carries the "Offline sketch (no model)" label for all its images.)
 */
export function ResultImage({ image }: { image: Image }) {
  return (
    <Link
      href={imageUrls.page(image.id)}
      className="group relative block animate-fade-in overflow-hidden rounded-lg border border-line bg-surface-2"
    >
      {/* biome-ignore lint/performance/noImgElement: thumbnails come from our own API with known sizes */}
      <img
        src={imageUrls.thumb(image.id, image.contentHash)}
        width={image.width}
        height={image.height}
        alt={image.prompt}
        decoding="async"
        className="block h-auto w-full transition-transform duration-300 group-hover:scale-[1.015]"
      />
    </Link>
  );
}
