import { OFFLINE_BACKEND_LABEL } from "@/lib/catalog";

/** The honest label on every image the offline renderer made. */
export function OfflineBadge({ className = "" }: { className?: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-md border border-line bg-surface/90 px-1.5 py-0.5 text-[0.6875rem] font-semibold text-muted ${className}`}
    >
      {OFFLINE_BACKEND_LABEL}
    </span>
  );
}
