import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DeleteIdeaButton } from "@/components/history/delete-idea-button";
import { VersionTree } from "@/components/history/version-tree";
import { LocalTime } from "@/components/ui/local-time";
import { plural } from "@/lib/client/format";
import { getIdeaDetail } from "@/lib/studio/queries";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

const load = cache((id: string) => (/^[A-Za-z0-9_-]{1,64}$/.test(id) ? getIdeaDetail(id) : Promise.resolve(undefined)));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const detail = await load((await params).id);
  return { title: detail ? detail.idea.title || "Idea" : "Not found" };
}

export default async function IdeaPage({ params }: { params: Params }) {
  const detail = await load((await params).id);
  if (!detail) notFound();
  const { idea } = detail;
  const imageCount = detail.generations.reduce((n, g) => n + g.images.length, 0);

  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <header className="space-y-3">
        <p className="eyebrow">Idea</p>
        <h1 className="text-2xl font-semibold tracking-tight text-balance">{idea.title || idea.text}</h1>
        <blockquote className="border-l-2 border-accent pl-3 text-[0.9375rem] text-muted">{idea.text}</blockquote>
        <p className="text-sm text-muted">
          {plural(detail.versions.length, "version")} · {plural(imageCount, "image")} · started{" "}
          <LocalTime iso={idea.createdAt} />
        </p>
        <div className="flex flex-wrap gap-2 pt-1">
          <Link href={`/?idea=${encodeURIComponent(idea.id)}`} className="btn btn-primary">
            Open in Studio
          </Link>
          <DeleteIdeaButton ideaId={idea.id} versions={detail.versions.length} images={imageCount} />
        </div>
      </header>

      <section aria-labelledby="versions-heading" className="space-y-3">
        <h2 id="versions-heading" className="text-lg font-semibold">
          Versions
        </h2>
        <VersionTree detail={detail} />
      </section>
    </div>
  );
}
