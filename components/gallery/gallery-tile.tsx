import Link from "next/link";
import { OfflineBadge } from "@/components/ui/offline-badge";
import { type ImageFilter, imageUrls } from "@/lib/client/api";
import { backendLabel, firstLine, isOfflineBackend } from "@/lib/client/format";
import { imagePageHref } from "@/lib/client/gallery-filter";
import type { Image } from "@/lib/schemas/entities";

/** Where a tile sits in the virtualized grid (gallery-grid.tsx), in pixels from the list's top left. */
export type TileBox = { left: number; top: number; width: number; height: number };

/**
 * One thumbnail in a justified row, every tile in a row the same height, each keeping its shape;
 * width and height are known before it loads. Placed by `box` in the virtualized grid; without
 * one (the server's HTML, before the grid has measured), a flex item whose share is its aspect
 * ratio, which lays out the same rows. Its link carries the gallery's `filter`, so the image
 * page's Previous and Next stay within it.
 */
export function GalleryTile({
  image,
  eager,
  filter,
  box,
  row,
  position,
}: {
  image: Image;
  eager: boolean;
  filter: ImageFilter;
  box?: TileBox;
  /** The virtual row it is in, so the grid keeps the focused tile's row rendered. */
  row?: number;
  /** Its place in the whole list (1-based) and the list's length (-1 while more may load), for screen readers. */
  position?: { index: number; setSize: number };
}) {
  const ratio = image.width / Math.max(1, image.height);
  const offline = isOfflineBackend(image.backend);
  return (
    <li
      className={box ? "absolute" : "relative min-w-0 max-w-full"}
      style={
        box
          ? { left: box.left, top: box.top, width: box.width, height: box.height }
          : { flexGrow: ratio, flexBasis: `calc(var(--row) * ${ratio})` }
      }
      data-row={row}
      aria-posinset={position?.index}
      aria-setsize={position?.setSize}
    >
      <Link
        href={imagePageHref(image.id, filter)}
        className={`group relative block scroll-my-20 overflow-hidden rounded-md bg-surface-2 focus-visible:outline-offset-2 ${box ? "h-full" : ""}`}
      >
        {/* biome-ignore lint/performance/noImgElement: thumbnails come from our own API with known sizes */}
        <img
          src={imageUrls.thumb(image.id, image.contentHash)}
          width={image.width}
          height={image.height}
          alt={image.prompt}
          loading={eager ? "eager" : "lazy"}
          decoding="async"
          className={`block w-full transition-transform duration-300 group-hover:scale-[1.02] ${box ? "h-full object-cover" : "h-auto"}`}
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
