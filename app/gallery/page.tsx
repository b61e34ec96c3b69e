import type { Metadata } from "next";
import { GalleryEmpty } from "@/components/gallery/gallery-empty";
import { GalleryFilters } from "@/components/gallery/gallery-filters";
import { GalleryGrid } from "@/components/gallery/gallery-grid";
import { galleryFilterFrom, galleryQuery, isFiltered, type SearchParamsRecord } from "@/lib/client/gallery-filter";
import { listImages } from "@/lib/studio/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Gallery" };

type SearchParams = Promise<SearchParamsRecord>;

export default async function GalleryPage({ searchParams }: { searchParams: SearchParams }) {
  // The same reading of the address as the image page's, which carries the filter on.
  const filter = galleryFilterFrom(await searchParams);
  const page = await listImages({ ...filter, limit: 48 });
  const filtered = isFiltered(filter);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Gallery</h1>
        {page.items.length || filtered ? (
          <GalleryFilters
            q={filter.q ?? ""}
            favorite={filter.favorite === true}
            sort={filter.sort ?? "newest"}
            minScore={filter.minScore}
            hasMisses={filter.hasMisses === true}
            more={{
              model: filter.model,
              seed: filter.seed,
              size: filter.size ? `${filter.size.width}x${filter.size.height}` : undefined,
              from: filter.from,
              to: filter.to,
            }}
          />
        ) : null}
      </div>
      {page.items.length ? (
        <GalleryGrid key={galleryQuery(filter)} initial={page} filter={filter} />
      ) : (
        <GalleryEmpty filtered={filtered} />
      )}
    </div>
  );
}
