"use client";

import Link from "next/link";
import { useId } from "react";
import { RelativeTime } from "@/components/history/relative-time";
import { imageUrls } from "@/lib/client/api";
import { plural } from "@/lib/client/format";
import type { IdeaSummary } from "@/lib/schemas/entities";

export const studioHref = (id: string) => `/?idea=${encodeURIComponent(id)}`;
export const ideaPageHref = (id: string) => `/ideas/${encodeURIComponent(id)}`;

/**
 * One idea. The title's link stretches over the whole card (its ::after), so a click anywhere
 * opens the idea in the Studio, while the link's name stays the title alone; the idea page link
 * and Delete sit above it. The thumbnails are outside the link: their alt texts (the prompts)
 * are read as images, not folded into the link's name.
 */
export function IdeaCard({ idea, onDelete }: { idea: IdeaSummary; onDelete: (idea: IdeaSummary) => void }) {
  const titleId = useId();
  return (
    <article
      aria-labelledby={titleId}
      className="card group relative flex h-full min-w-0 flex-col gap-2 p-4 transition-colors hover:border-line-strong focus-within:border-line-strong"
    >
      <h2 id={titleId} className="min-w-0 text-base leading-snug font-semibold [overflow-wrap:anywhere]">
        <Link
          href={studioHref(idea.id)}
          className="no-underline after:absolute after:inset-0 after:rounded-xl after:content-[''] focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-offset-2 focus-visible:after:outline-[var(--focus)] focus-visible:after:outline"
        >
          {idea.title || "Untitled idea"}
        </Link>
      </h2>
      <p className="line-clamp-2 text-sm text-muted [overflow-wrap:anywhere]">{idea.text}</p>
      {idea.latestPrompt ? (
        <p className="line-clamp-2 text-sm leading-relaxed [overflow-wrap:anywhere]">{idea.latestPrompt}</p>
      ) : null}
      {idea.thumbs.length ? (
        <ul className="flex h-12 min-w-0 gap-1 overflow-hidden" aria-label="Newest images">
          {idea.thumbs.map((t) => (
            <li key={t.id} className="h-12 shrink-0 overflow-hidden rounded bg-surface-2">
              {/* biome-ignore lint/performance/noImgElement: thumbnails come from our own API with known sizes */}
              <img
                src={imageUrls.thumb(t.id, t.contentHash)}
                width={t.width}
                height={t.height}
                alt={t.prompt}
                loading="lazy"
                decoding="async"
                className="block h-12 w-auto"
              />
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-auto text-xs text-muted">
        {plural(idea.versionCount, "version")} · {plural(idea.imageCount, "image")}
        {idea.bestScore !== null ? (
          <span className="whitespace-nowrap"> · best check {Math.round(idea.bestScore * 100)}%</span>
        ) : null}
        <span aria-hidden="true"> · </span>
        <span className="whitespace-nowrap">
          <span className="sr-only">, </span>last worked on <RelativeTime iso={idea.lastActivityAt} />
        </span>
      </p>
      <div className="relative z-10 flex flex-wrap items-center gap-2">
        <Link href={ideaPageHref(idea.id)} className="btn btn-ghost btn-sm">
          Idea page<span className="sr-only">: {idea.title}</span>
        </Link>
        <button type="button" className="btn btn-ghost btn-sm text-danger" onClick={() => onDelete(idea)}>
          Delete<span className="sr-only"> “{idea.title}”</span>
        </button>
      </div>
    </article>
  );
}
