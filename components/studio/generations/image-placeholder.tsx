type Props = {
  width: number;
  height: number;
  label: string;
  /** The latest live frame (a data: URL) and what it is in words ("Preview, 40%"). */
  preview?: { url: string; label: string };
};

/**
 * Where an image will appear: the right aspect ratio, a sheen and the status in words; while
 * the backend sends live frames, the latest one in its place (no animation between frames).
 */
export function ImagePlaceholder({ width, height, label, preview }: Props) {
  return (
    <div
      className={`${preview ? "" : "shimmer "}relative flex items-center justify-center overflow-hidden rounded-lg border border-line bg-surface-2 p-3 text-center`}
      style={{ aspectRatio: `${width} / ${height}` }}
    >
      {preview ? (
        <>
          {/* biome-ignore lint/performance/noImgElement: a data: URL from the events stream, replaced a few times a second */}
          <img src={preview.url} alt={preview.label} className="absolute inset-0 h-full w-full object-cover" />
          <span aria-hidden="true" className="chip absolute bottom-2 start-2 bg-surface/85 text-ink">
            {preview.label}
          </span>
        </>
      ) : (
        <span aria-hidden="true" className="text-sm font-medium text-muted">
          {label}
        </span>
      )}
    </div>
  );
}
