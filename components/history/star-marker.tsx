import type { LibraryEntry } from "@/lib/schemas/entities";

/** A small filled star for a version kept in the Library, named for screen readers. */
export function StarMarker({ entry }: { entry: LibraryEntry | undefined }) {
  if (!entry) return null;
  return (
    <span className="inline-flex items-center text-warning" title={`In the Library as “${entry.name}”`}>
      <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M8 1.2l2 4.3 4.7.5-3.5 3.2 1 4.6L8 11.5l-4.2 2.3 1-4.6L1.3 6l4.7-.5z" />
      </svg>
      <span className="sr-only">In the Library as “{entry.name}”</span>
    </span>
  );
}
