import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { imageUrls } from "@/lib/client/api";
import { plural } from "@/lib/client/format";
import type { IdeaFeedback } from "@/lib/schemas/shares";

/** An image feedback may name, as the idea page knows it. */
export type FeedbackImage = { id: string; prompt: string; width: number; height: number; versionNumber?: number };

/**
 * The idea page's Feedback section: what visitors of its share links said and voted for.
 * Everything a visitor wrote is untrusted and goes out as React text (escaped), never as markup.
 */
export function IdeaFeedbackSection({ feedback, images }: { feedback: IdeaFeedback; images: FeedbackImage[] }) {
  const byId = new Map(images.map((img) => [img.id, img]));
  const comments = feedback.items.filter((f) => f.comment !== null);
  const totalVotes = feedback.votes.reduce((n, v) => n + v.count, 0);
  return (
    <section id="feedback" aria-labelledby="feedback-heading" className="scroll-mt-20 space-y-3">
      <h2 id="feedback-heading" className="text-lg font-semibold">
        Feedback
      </h2>
      {comments.length === 0 && totalVotes === 0 ? (
        <p className="text-sm text-muted">
          No feedback yet. Share this idea with feedback on, and the notes and votes of the people you send it to show
          here. Only you see them.
        </p>
      ) : (
        <p className="text-sm text-muted">
          {plural(comments.length, "comment")} · {plural(totalVotes, "vote")}. Only you see these; visitors never see
          one another’s.
        </p>
      )}
      {feedback.votes.length ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">Votes</h3>
          <ul className="grid gap-2 sm:grid-cols-2">
            {feedback.votes.map((v) => {
              const img = byId.get(v.imageId);
              return (
                <li key={v.imageId} className="card flex min-w-0 items-center gap-3 p-2">
                  <Thumb image={img} />
                  <div className="min-w-0 text-sm">
                    <p className="font-semibold">
                      {plural(v.count, "vote")}
                      {img?.versionNumber ? (
                        <span className="font-normal text-muted"> · v{img.versionNumber}</span>
                      ) : null}
                    </p>
                    <p className="text-muted [overflow-wrap:anywhere]">{v.names.join(", ")}</p>
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {comments.length ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">Comments</h3>
          <ol className="space-y-2">
            {comments.map((f) => {
              const img = f.imageId ? byId.get(f.imageId) : undefined;
              return (
                <li key={f.id} className="card flex min-w-0 gap-3 p-3">
                  {f.imageId ? <Thumb image={img} /> : null}
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
                      <strong className="font-semibold [overflow-wrap:anywhere]">{f.name}</strong>
                      <span className="text-xs text-muted">
                        <LocalTime iso={f.createdAt} />
                        {" · "}
                        {f.imageId
                          ? `on an image${img?.versionNumber ? ` of v${img.versionNumber}` : ""}`
                          : "on the idea"}
                      </span>
                    </p>
                    <p className="mt-1 text-[0.9375rem] whitespace-pre-wrap [overflow-wrap:anywhere]">{f.comment}</p>
                  </div>
                </li>
              );
            })}
          </ol>
        </div>
      ) : null}
    </section>
  );
}

/** A small thumbnail of the image a note or vote is about, opening its page; a plain box once it is deleted. */
function Thumb({ image }: { image: FeedbackImage | undefined }) {
  if (!image) {
    return (
      <span className="flex size-14 shrink-0 items-center justify-center rounded-md border border-line text-center text-[0.625rem] text-muted">
        image deleted
      </span>
    );
  }
  return (
    <Link href={imageUrls.page(image.id)} className="block shrink-0 overflow-hidden rounded-md border border-line">
      {/* biome-ignore lint/performance/noImgElement: thumbnails from our own API with known sizes */}
      <img
        src={imageUrls.thumb(image.id)}
        width={image.width}
        height={image.height}
        alt={image.prompt}
        loading="lazy"
        decoding="async"
        className="size-14 object-cover"
      />
    </Link>
  );
}
