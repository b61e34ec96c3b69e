import Link from "next/link";

/** An empty gallery teaches how to fill it; a filter that finds nothing says how to undo it. */
export function GalleryEmpty({ filtered }: { filtered: boolean }) {
  if (filtered) {
    return (
      <div className="rounded-xl border border-dashed border-line-strong/60 px-6 py-14 text-center">
        <p className="text-lg font-semibold">Nothing matches</p>
        <p className="mt-1 text-sm text-muted">Try other words, or show every image.</p>
        <Link href="/gallery" className="btn btn-secondary mt-5">
          Clear filters
        </Link>
      </div>
    );
  }
  return (
    <div className="rounded-xl border border-dashed border-line-strong/60 px-6 py-14 text-center">
      <p className="text-lg font-semibold">No images yet</p>
      <ol className="mx-auto mt-3 max-w-md list-inside list-decimal space-y-1 text-left text-sm text-muted">
        <li>Write a rough idea in the Idea field and press Refine.</li>
        <li>Read the prompt as it is written; edit it if you like.</li>
        <li>Press Generate. Every image you make lands here, newest first.</li>
      </ol>
      <Link href="/" className="btn btn-primary mt-6">
        Make your first image
      </Link>
    </div>
  );
}
