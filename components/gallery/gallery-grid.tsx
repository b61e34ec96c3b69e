"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Spinner } from "@/components/ui/spinner";
import { type ImageFilter, listImages } from "@/lib/client/api";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { plural } from "@/lib/client/format";
import type { Image, Page } from "@/lib/schemas/entities";
import { GalleryTile } from "./gallery-tile";

const PAGE_SIZE = 48;
const EAGER = 12;

/** The gallery's images, newest first, loading more as you near the end (or on the button). */
export function GalleryGrid({ initial, filter }: { initial: Page<Image>; filter: ImageFilter }) {
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const busy = useRef(false);

  const loadMore = useCallback(async () => {
    if (!cursor || busy.current) return;
    busy.current = true;
    setLoading(true);
    setError(null);
    try {
      const page = await listImages({ ...filter, cursor, limit: PAGE_SIZE });
      setItems((prev) => {
        const seen = new Set(prev.map((i) => i.id));
        return [...prev, ...page.items.filter((i) => !seen.has(i.id))];
      });
      setCursor(page.nextCursor);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, [cursor, filter]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor || error || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadMore(), {
      rootMargin: "800px 0px",
    });
    io.observe(el);
    return () => io.disconnect();
  }, [cursor, error, loadMore]);

  return (
    <div>
      <ul className="flex flex-wrap gap-1.5 [--row:7.5rem] after:grow-[10] after:content-[''] sm:gap-2 sm:[--row:11rem] xl:[--row:13rem]">
        {items.map((image, i) => (
          <GalleryTile key={image.id} image={image} eager={i < EAGER} filter={filter} />
        ))}
      </ul>
      <div ref={sentinel} className="mt-6 flex flex-col items-center gap-3">
        {error ? <ErrorAlert error={error} action="Loading more failed" /> : null}
        {cursor ? (
          <button type="button" className="btn btn-secondary" onClick={() => void loadMore()} disabled={loading}>
            {loading ? <Spinner /> : null}
            {loading ? "Loading…" : error ? "Try again" : "Load more"}
          </button>
        ) : null}
        <p role="status" className="text-sm text-muted">
          {loading
            ? "Loading more images…"
            : cursor
              ? `Showing ${plural(items.length, "image")}`
              : `All ${plural(items.length, "image")} shown`}
        </p>
      </div>
    </div>
  );
}
