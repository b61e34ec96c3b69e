import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ImageActions } from "@/components/gallery/image-actions";
import { ImagePager } from "@/components/gallery/image-pager";
import { ImageRecipe } from "@/components/gallery/image-recipe";
import { Receipt } from "@/components/receipt/receipt";
import { latestFixLoopForImage } from "@/lib/fix/queries";
import { ShareButton } from "@/components/share/share-button";
import { OfflineBadge } from "@/components/ui/offline-badge";
import { imageUrls } from "@/lib/client/api";
import { isOfflineBackend } from "@/lib/client/format";
import { galleryFilterFrom, galleryHref, type SearchParamsRecord } from "@/lib/client/gallery-filter";
import { getHouseRulesVersion } from "@/lib/studio/house-rules";
import { getCatalog, getImageDetail, getImageNeighbours, getPromptRefinement } from "@/lib/studio/queries";
import { imageFileName } from "@/lib/text/file-name";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<SearchParamsRecord>;

const load = cache((id: string) =>
  /^[A-Za-z0-9_-]{1,64}$/.test(id) ? getImageDetail(id) : Promise.resolve(undefined),
);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const image = await load((await params).id);
  return { title: image ? image.idea.title || "Image" : "Not found" };
}

export default async function ImagePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const image = await load((await params).id);
  if (!image) notFound();
  const offline = isOfflineBackend(image.backend);
  // Opened from a filtered gallery, the address carries its filter: Previous, Next and the way
  // back walk that list, not the whole gallery.
  const filter = galleryFilterFrom(await searchParams);
  const [neighbours, refinement, houseRules] = await Promise.all([
    getImageNeighbours(image.id, filter),
    getPromptRefinement(image.version),
    // Issue 13: the house rules its prompt followed (a version the history always keeps).
    image.version.houseRulesVersion
      ? getHouseRulesVersion(image.version.houseRulesVersion).catch(() => null)
      : Promise.resolve(null),
  ]);
  // The same name the file route gives with ?download=1; browsers prefer this one for same-origin links.
  // Its latest check (issue 11), and whether a judge is on to make one.
  const check = image.check;
  const latestFixLoop = await latestFixLoopForImage(image.id);
  const judge = getCatalog().judge ?? null;
  const downloadName = imageFileName({ title: image.idea.title, seed: image.seed, mime: image.mime }).unicode;

  return (
    <article className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)] lg:gap-10">
      <div className="min-w-0">
        <figure className="flex items-center justify-center overflow-hidden rounded-xl border border-line bg-surface-2 p-2 sm:p-4">
          <span className="relative inline-block max-w-full">
            {/* biome-ignore lint/performance/noImgElement: the original file, served by our own API */}
            <img
              src={imageUrls.file(image.id)}
              width={image.width}
              height={image.height}
              alt={image.prompt}
              fetchPriority="high"
              className="block h-auto max-h-[calc(100dvh-10rem)] w-auto max-w-full rounded-md"
            />
            {offline ? <OfflineBadge className="absolute top-2 left-2" /> : null}
          </span>
        </figure>
      </div>

      <section aria-labelledby="recipe-heading" className="min-w-0 space-y-6">
        <div className="space-y-4">
          <Link href={galleryHref(filter)} className="link text-sm">
            Back to gallery
          </Link>
          <ImagePager previous={neighbours.previous} next={neighbours.next} filter={filter} />
          <h1 id="recipe-heading" className="text-xl font-semibold tracking-tight">
            {image.idea.title || "Image"}
          </h1>
          <ImageActions
            imageId={image.id}
            promptId={image.promptId}
            favorite={image.favorite}
            seed={image.seed ?? null}
            downloadName={downloadName}
            galleryHref={galleryHref(filter)}
          />
          <ShareButton target={{ kind: "image", id: image.id }} />
        </div>
        {check || judge ? (
          <section aria-labelledby="receipt-heading" className="space-y-1">
            <h2 id="receipt-heading" className="eyebrow">
              Does it match the idea?
            </h2>
            <Receipt
              imageId={image.id}
              check={check}
              canCheck={judge !== null}
              defaultOpen
              latestFixLoop={latestFixLoop}
            />
          </section>
        ) : null}
        <ImageRecipe image={image} refinement={refinement} houseRules={houseRules} />
      </section>
    </article>
  );
}
