import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ComparisonList } from "@/components/compare/comparison-list";
import { IdeaFeedbackSection } from "@/components/feedback/idea-feedback";
import { DeleteIdeaButton } from "@/components/history/delete-idea-button";
import { VersionTree } from "@/components/history/version-tree";
import { IdeaSharedLinks } from "@/components/share/idea-shared-links";
import { ShareButton } from "@/components/share/share-button";
import { LocalTime } from "@/components/ui/local-time";
import { backendLabel, plural } from "@/lib/client/format";
import { byCreated, versionNumbers } from "@/lib/client/versions";
import { listIdeaFeedback } from "@/lib/sharing/feedback";
import { getCatalog, getIdeaDetail } from "@/lib/studio/queries";

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
  const catalog = await getCatalog();
  const configured = catalog.backends.filter((b) => b.configured);
  // "Compare images" renders on the backend this idea last used, if it is still set up.
  const lastUsed = [...detail.generations].sort(byCreated).at(-1)?.backend;
  const backend = configured.find((b) => b.id === lastUsed)?.id ?? catalog.defaults.backend;
  const feedback = await listIdeaFeedback(idea.id);
  const numbers = versionNumbers(detail.versions);
  const feedbackImages = detail.generations.flatMap((g) =>
    g.images.map((img) => ({ ...img, versionNumber: numbers.get(img.promptId) })),
  );

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
          <ShareButton target={{ kind: "idea", id: idea.id }} />
          {/* A plain download link: the archive streams from the API, no script needed. */}
          <a href={`/api/ideas/${encodeURIComponent(idea.id)}/export`} download className="btn btn-secondary">
            Export ZIP
          </a>
          <DeleteIdeaButton ideaId={idea.id} versions={detail.versions.length} images={imageCount} />
        </div>
      </header>

      <section aria-labelledby="versions-heading" className="space-y-3">
        <h2 id="versions-heading" className="text-lg font-semibold">
          Versions
        </h2>
        <p className="text-sm text-muted">
          {/* How to tick versions for comparing is said once, by the compare bar just below. */}
          Each version sits under the one it came from. Open any of them in the studio to branch from it. Images are
          compared on {backendLabel(backend)}.
        </p>
        <VersionTree
          detail={detail}
          backend={backend}
          backends={configured.map((b) => ({ id: b.id, label: backendLabel(b.id), capabilities: b.capabilities }))}
        />
      </section>

      <section aria-labelledby="comparisons-heading" className="space-y-3">
        <h2 id="comparisons-heading" className="text-lg font-semibold">
          Comparisons
        </h2>
        <ComparisonList comparisons={detail.comparisons ?? []} />
      </section>

      <section aria-labelledby="shared-links-heading" className="space-y-3">
        <h2 id="shared-links-heading" className="text-lg font-semibold">
          Shared links
        </h2>
        <IdeaSharedLinks ideaId={idea.id} />
      </section>

      <IdeaFeedbackSection feedback={feedback} images={feedbackImages} />
    </div>
  );
}
