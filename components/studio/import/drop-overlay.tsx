"use client";

/**
 * Shown only while files are dragged over the page. It never takes a pointer event (the drop
 * lands on the page beneath and is caught on the window), so it cannot block anything.
 */
export function DropOverlay({ visible }: { visible: boolean }) {
  if (!visible) return null;
  return (
    <div className="pointer-events-none fixed inset-0 z-50 flex animate-fade-in items-center justify-center bg-scrim p-4">
      <div className="w-full max-w-md rounded-2xl border-2 border-dashed border-accent bg-surface px-6 py-8 text-center">
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="mx-auto mb-3 size-10 text-accent"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M12 15V3m0 12-4-4m4 4 4-4" />
          <path d="M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />
        </svg>
        <p className="text-lg font-semibold tracking-tight text-ink">Drop a PNG to load its prompt and settings</p>
        <p className="mt-1 text-sm text-muted">
          Made by Promptsmith, AUTOMATIC1111, Fooocus or ComfyUI. It is read in this browser; nothing is uploaded.
        </p>
      </div>
    </div>
  );
}
