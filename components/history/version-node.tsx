import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { OfflineBadge } from "@/components/ui/offline-badge";
import { imageUrls } from "@/lib/client/api";
import { generationStatusText, isOfflineBackend } from "@/lib/client/format";
import { sourceLabel, type VersionNode as Node } from "@/lib/client/versions";
import type { GenerationWithImages } from "@/lib/schemas/entities";

type Props = {
  node: Node;
  numbers: Map<string, number>;
  generationsByVersion: Map<string, GenerationWithImages[]>;
  ideaId: string;
};

/** One version in the tree, with what it made; its children nest beneath it. */
export function VersionNode({ node, numbers, generationsByVersion, ideaId }: Props) {
  const v = node.version;
  const n = numbers.get(v.id) ?? 0;
  const generations = generationsByVersion.get(v.id) ?? [];
  const images = generations.flatMap((g) => g.images);
  const unfinished = generations.filter((g) => g.status !== "succeeded");
  const headingId = `version-${v.id}`;

  return (
    <li className="relative">
      <article aria-labelledby={headingId} className="card p-4">
        <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h3 id={headingId} className="text-base font-semibold">
            v{n}
          </h3>
          <span className="chip">{sourceLabel(v)}</span>
          {v.parentId && numbers.get(v.parentId) ? (
            <span className="text-sm text-muted">from v{numbers.get(v.parentId)}</span>
          ) : null}
          <span className="text-sm text-muted">
            <LocalTime iso={v.createdAt} />
          </span>
          <Link
            href={`/?idea=${encodeURIComponent(ideaId)}&version=${encodeURIComponent(v.id)}`}
            className="link ml-auto text-sm"
          >
            Work on v{n}
          </Link>
        </header>
        {v.instruction ? <p className="mt-2 text-sm">“{v.instruction}”</p> : null}
        <p className="mt-2 text-[0.9375rem] leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">{v.prompt}</p>
        {v.negativePrompt ? (
          <p className="mt-2 text-sm text-muted">
            <span className="font-medium text-ink">Negative: </span>
            {v.negativePrompt}
          </p>
        ) : null}
        {images.length ? (
          <ul className="mt-3 flex flex-wrap gap-2">
            {images.map((img) => (
              <li key={img.id}>
                <Link
                  href={imageUrls.page(img.id)}
                  className="relative block overflow-hidden rounded-md border border-line"
                >
                  {/* biome-ignore lint/performance/noImgElement: thumbnails from our own API with known sizes */}
                  <img
                    src={imageUrls.thumb(img.id)}
                    width={img.width}
                    height={img.height}
                    alt={img.prompt}
                    loading="lazy"
                    decoding="async"
                    className="block h-28 w-auto"
                  />
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {images.some((img) => isOfflineBackend(img.backend)) ? (
          <p className="mt-1.5">
            <OfflineBadge />
          </p>
        ) : null}
        {unfinished.length ? (
          <ul className="mt-2 space-y-0.5 text-xs text-muted">
            {unfinished.map((g) => (
              <li key={g.id}>{generationStatusText(g)}</li>
            ))}
          </ul>
        ) : null}
      </article>
      {node.children.length ? (
        <ol className="mt-3 ml-3 space-y-3 border-l-2 border-line pl-4 sm:ml-5 sm:pl-6">
          {node.children.map((child) => (
            <VersionNode
              key={child.version.id}
              node={child}
              numbers={numbers}
              generationsByVersion={generationsByVersion}
              ideaId={ideaId}
            />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
