"use client";

import { useEffect, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Spinner } from "@/components/ui/spinner";
import { imageUrls, listImages } from "@/lib/client/api";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import type { Image } from "@/lib/schemas/entities";

/** The gallery's newest images to pick a style's sample from; each a button named by its prompt. */
export function SamplePicker({
  styleLabel,
  onPick,
  onCancel,
}: {
  styleLabel: string;
  onPick: (imageId: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [images, setImages] = useState<Image[]>();
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    listImages({ limit: 24 }, abort.signal).then(
      (page) => setImages(page.items),
      (e: unknown) => {
        if (!abort.signal.aborted) setError(toShownError(e));
      },
    );
    return () => abort.abort();
  }, []);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Esc closes the picker from any of its buttons.
    <div
      className="space-y-2 rounded-lg border border-line bg-surface-2 p-3"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium">Pick a gallery image for “{styleLabel}”</p>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error ? <ErrorAlert error={error} action="Could not load the gallery" /> : null}
      {!images && !error ? (
        <p className="flex items-center gap-2 text-sm text-muted">
          <Spinner /> Loading the gallery…
        </p>
      ) : null}
      {images?.length === 0 ? (
        <p className="text-sm text-muted">The gallery is empty: generate an image first.</p>
      ) : null}
      {images?.length ? (
        <ul className="grid grid-cols-4 gap-2 sm:grid-cols-6">
          {images.map((image) => (
            <li key={image.id}>
              <button
                type="button"
                className="block w-full overflow-hidden rounded-md border border-line focus-visible:outline-2 focus-visible:outline-accent disabled:opacity-60"
                disabled={busy !== null}
                aria-label={`Use this image: ${image.prompt.slice(0, 120)}`}
                onClick={async () => {
                  setBusy(image.id);
                  setError(null);
                  try {
                    await onPick(image.id);
                  } catch (e) {
                    setError(toShownError(e));
                  } finally {
                    setBusy(null);
                  }
                }}
              >
                <img
                  src={imageUrls.thumb(image.id, image.contentHash)}
                  alt=""
                  width={96}
                  height={96}
                  className="aspect-square w-full object-cover"
                  loading="lazy"
                />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
