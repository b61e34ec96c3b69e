import type { Metadata } from "next";
import { GalleryEmpty } from "@/components/gallery/gallery-empty";
import { GalleryFilters } from "@/components/gallery/gallery-filters";
import { GalleryGrid } from "@/components/gallery/gallery-grid";
import { listImages } from "@/lib/studio/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Gallery" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function GalleryPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const q = one(sp.q).trim().slice(0, 200);
  const favorite = ["1", "true"].includes(one(sp.favorite));
  const filter = { ...(q ? { q } : {}), ...(favorite ? { favorite: true } : {}) };
  const page = await listImages({ ...filter, limit: 48 });
  const filtered = Boolean(q || favorite);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Gallery</h1>
        {page.items.length || filtered ? <GalleryFilters q={q} favorite={favorite} /> : null}
      </div>
      {page.items.length ? (
        <GalleryGrid key={`${q}|${favorite}`} initial={page} filter={filter} />
      ) : (
        <GalleryEmpty filtered={filtered} />
      )}
    </div>
  );
}
