import type { Metadata } from "next";
import { SharedLinksList } from "@/components/share/shared-links-list";
import { listShares } from "@/lib/sharing/shares";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shared links" };

/** Every share link the owner has made, newest first, with Revoke. Behind the password gate. */
export default async function SharesPage() {
  const { items } = await listShares({});
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Shared links</h1>
        <p className="text-sm text-muted">
          Read-only links to an idea, a comparison or an image, which work without the password. A link is shown once,
          when it is made; here you see what each names, and can revoke it.
        </p>
      </header>
      {items.length ? (
        <SharedLinksList shares={items} linkTargets />
      ) : (
        <p className="rounded-xl border border-dashed border-line-strong p-6 text-center text-sm text-muted">
          No links yet. Open an idea, a comparison or an image and choose <strong className="text-ink">Share</strong>.
        </p>
      )}
    </div>
  );
}
