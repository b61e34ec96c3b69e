import { VoteToggle } from "@/components/feedback/vote-toggle";
import { OfflineBadge } from "@/components/ui/offline-badge";
import { isOfflineBackend } from "@/lib/client/format";
import type { SharedImage } from "@/lib/schemas/shares";

/**
 * One image of a share, large: its size known before it loads (no layout shift), the prompt as
 * its alt text, the offline renderer's honest label, and, where the owner allowed feedback, a
 * vote toggle under it.
 */
export function SharedFigure({
  image,
  token,
  feedback,
  eager = false,
  caption,
}: {
  image: SharedImage;
  token: string;
  feedback: boolean;
  eager?: boolean;
  caption?: string;
}) {
  return (
    <figure className="min-w-0 space-y-2">
      <div className="relative flex justify-center overflow-hidden rounded-xl border border-line bg-surface-2">
        {/* biome-ignore lint/performance/noImgElement: bytes served by the share's own scoped URL */}
        <img
          src={image.src}
          width={image.width}
          height={image.height}
          alt={image.alt}
          loading={eager ? "eager" : "lazy"}
          fetchPriority={eager ? "high" : undefined}
          decoding="async"
          className="block h-auto max-h-[80dvh] w-auto max-w-full"
        />
        {isOfflineBackend(image.backend) ? <OfflineBadge className="absolute top-2 left-2" /> : null}
      </div>
      {caption || feedback ? (
        <figcaption className="flex flex-wrap items-center justify-between gap-2">
          {caption ? <span className="text-sm text-muted">{caption}</span> : <span />}
          {feedback ? <VoteToggle token={token} imageId={image.id} /> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}
