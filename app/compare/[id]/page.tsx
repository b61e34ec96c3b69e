import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { comparisonName } from "@/components/compare/comparison-list";
import { ComparisonGrid } from "@/components/compare/comparison-grid";
import { comparisonMaxWidth, versionPart } from "@/components/compare/comparison-params";
import { paramsLine } from "@/lib/client/format";
import { DeleteComparisonButton } from "@/components/compare/delete-comparison-button";
import { PromptDiff, SamePrompt } from "@/components/compare/prompt-diff";
import { ShareButton } from "@/components/share/share-button";
import { LocalTime } from "@/components/ui/local-time";
import { AppError } from "@/lib/errors";
import type { ComparisonDetail } from "@/lib/schemas/entities";
import { getComparisonDetail } from "@/lib/studio/compare";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

const load = cache(async (id: string): Promise<ComparisonDetail | undefined> => {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return undefined;
  try {
    return await getComparisonDetail(id);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") return undefined;
    throw e;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const detail = await load((await params).id);
  return { title: detail ? comparisonName(detail) : "Not found" };
}

export default async function ComparePage({ params }: { params: Params }) {
  const detail = await load((await params).id);
  if (!detail) notFound();
  const { idea } = detail;
  const cells = [...detail.cells].sort((a, b) => a.position - b.position);
  const size = detail.params.size ?? "1024x1024";
  const versionsById = new Map(detail.versions.map((v) => [v.id, v]));
  const firstVersion = cells[0] ? versionsById.get(cells[0].versionId) : undefined;
  const studioHref = `/?idea=${encodeURIComponent(idea.id)}${
    firstVersion ? `&version=${encodeURIComponent(firstVersion.id)}` : ""
  }`;

  return (
    <div className="mx-auto space-y-8" style={{ maxWidth: comparisonMaxWidth(cells.length, size) }}>
      <header className="space-y-3">
        <p className="eyebrow">Comparison</p>
        <h1 className="text-2xl font-semibold tracking-tight text-balance [overflow-wrap:anywhere]">
          {comparisonName(detail)}
        </h1>
        <blockquote className="border-l-2 border-accent pl-3 text-[0.9375rem] text-muted">
          <Link href={`/ideas/${encodeURIComponent(idea.id)}`} className="text-ink no-underline hover:underline">
            {idea.title && idea.title !== idea.text ? `${idea.title}: ` : ""}
            {idea.text}
          </Link>
        </blockquote>
        <p className="text-sm text-muted">
          <span className="font-medium text-ink">{paramsLine(detail)}</span> · made <LocalTime iso={detail.createdAt} />
        </p>
        <div className="flex flex-wrap gap-2 pt-1">
          <Link href={`/ideas/${encodeURIComponent(idea.id)}`} className="btn btn-secondary">
            Back to the idea
          </Link>
          <Link href={studioHref} className="btn btn-secondary">
            Open in Studio
          </Link>
          <ShareButton target={{ kind: "comparison", id: detail.id }} />
          <a href={`/api/comparisons/${encodeURIComponent(detail.id)}/export`} download className="btn btn-secondary">
            Export ZIP
          </a>
          <DeleteComparisonButton comparisonId={detail.id} ideaId={idea.id} />
        </div>
      </header>

      <ComparisonGrid cells={cells} generations={detail.generations} versions={detail.versions} size={size} />

      <div>
        {detail.kind === "versions" ? (
          <PromptDiff
            items={cells.flatMap((c) => {
              const v = versionsById.get(c.versionId);
              return v ? [{ id: `${c.position}`, label: versionPart(c.label), prompt: v.prompt }] : [];
            })}
          />
        ) : firstVersion ? (
          <SamePrompt prompt={firstVersion.prompt} negativePrompt={firstVersion.negativePrompt} />
        ) : null}
      </div>
    </div>
  );
}
