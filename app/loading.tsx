export default function Loading() {
  return (
    <div role="status" className="flex items-center gap-2 py-16 text-sm text-muted" aria-live="polite">
      <span
        aria-hidden="true"
        className="inline-block size-3.5 animate-spin rounded-full border-2 border-current border-r-transparent motion-reduce:animate-none"
      />
      Loading…
    </div>
  );
}
