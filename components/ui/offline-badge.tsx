import { OFFLINE_BACKEND_LABEL } from "@/lib/catalog";

/**
 * The honest label on every image the offline renderer made. `overlay` is the quiet,
 * one-line form that sits on a thumbnail and truncates on narrow tiles.
 */
export function OfflineBadge({ className = "", overlay = false }: { className?: string; overlay?: boolean }) {
  if (overlay) {
    return (
      <span
        title={OFFLINE_BACKEND_LABEL}
        className={`block truncate rounded bg-black/65 px-1.5 py-0.5 text-[0.625rem] leading-4 font-medium text-white ${className}`}
      >
        {OFFLINE_BACKEND_LABEL}
      </span>
    );
  }
  return (
    <span
      className={`inline-flex items-center rounded-md border border-line bg-surface/90 px-1.5 py-0.5 text-[0.6875rem] font-semibold text-muted ${className}`}
    >
      {OFFLINE_BACKEND_LABEL}
    </span>
  );
}
