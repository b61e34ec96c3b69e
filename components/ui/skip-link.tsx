export function SkipLink() {
  return (
    <a
      href="#main"
      className="sr-only-focusable fixed top-2 left-2 z-50 rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-accent-ink"
    >
      Skip to content
    </a>
  );
}
