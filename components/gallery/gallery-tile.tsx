import Link from "next/link";
import { OfflineBadge } from "@/components/ui/offline-badge";
import { type ImageFilter, imageUrls } from "@/lib/client/api";
import { backendLabel, firstLine, isOfflineBackend } from "@/lib/client/format";
import { imagePageHref } from "@/lib/client/gallery-filter";
import type { Image } from "@/lib/schemas/entities";

/**
 * One thumbnail in a justified row: its flex share is its aspect ratio, so every tile in a
 * row has the same height and keeps its shape; width and height are known before it loads.
 * Its link carries the gallery's `filter`, so the image page's Previous and Next stay within it.
 */
export function GalleryTile({ image, eager, filter }: { image: Image; eager: boolean; filter: ImageFilter }) {
  const ratio = image.width / Math.max(1, image.height);
  const offline = isOfflineBackend(image.backend);
  return (
    <li className="relative min-w-0 max-w-full" style={{ flexGrow: ratio, flexBasis: `calc(var(--row) * ${ratio})` }}>
      <Link
        href={imagePageHref(image.id, filter)}
        className="group relative block overflow-hidden rounded-md bg-surface-2 focus-visible:outline-offset-2"
      >
        {/* biome-ignore lint/performance/noImgElement: thumbnails come from our own API with known sizes */}
        <img
          src={imageUrls.thumb(image.id)}
          width={image.width}
          height={image.height}
          alt={image.prompt}
          loading={eager ? "eager" : "lazy"}
          decoding="async"
          className="block h-auto w-full transition-transform duration-300 group-hover:scale-[1.02]"
        />
        {offline ? <OfflineBadge overlay className="absolute bottom-1 left-1 max-w-[calc(100%-0.5rem)]" /> : null}
        {image.favorite ? (
          <span
            aria-hidden="true"
            className="absolute top-1.5 right-1.5 flex size-6 items-center justify-center rounded-full bg-black/70 text-xs text-amber-300"
          >
            ★
          </span>
        ) : null}
        <span
          aria-hidden="true"
          className="pointer-events-none absolute inset-x-0 bottom-0 bg-black/80 px-2.5 py-2 text-left opacity-0 transition-opacity duration-150 group-hover:opacity-100 group-focus-visible:opacity-100"
        >
          <span className="line-clamp-2 text-xs leading-snug font-medium text-white">
            {firstLine(image.prompt, 140)}
          </span>
          <span className="mt-0.5 block text-[0.6875rem] text-neutral-300">{backendLabel(image.backend)}</span>
        </span>
      </Link>
    </li>
  );
}
