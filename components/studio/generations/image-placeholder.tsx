/** Where an image will appear: the right aspect ratio, a sheen, and the status in words. */
export function ImagePlaceholder({ width, height, label }: { width: number; height: number; label: string }) {
  return (
    <div
      className="shimmer flex items-center justify-center rounded-lg border border-line bg-surface-2 p-3 text-center"
      style={{ aspectRatio: `${width} / ${height}` }}
    >
      <span aria-hidden="true" className="text-sm font-medium text-muted">
        {label}
      </span>
    </div>
  );
}
