import type { ReactNode } from "react";

/** The plain page a share link shows when it opens nothing: no links to places a visitor cannot go. */
export function LinkNotice({ eyebrow, title, children }: { eyebrow: string; title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="eyebrow">{eyebrow}</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-2 text-muted">{children}</p>
    </div>
  );
}
