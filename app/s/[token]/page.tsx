import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LinkNotice } from "@/components/share/link-notice";
import { SharedViewPage } from "@/components/share/shared-views";
import { sharedTitle } from "@/components/share/step-words";
import { loadSharedPage } from "@/lib/sharing/load-shared-page";

export const dynamic = "force-dynamic";

type Params = Promise<{ token: string }>;

// A shared page is for the people it was sent to: never in a search engine, never followed.
const ROBOTS: Metadata["robots"] = { index: false, follow: false, nocache: true };

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  // loadSharedPage is cached per request: this and the page count as one read of the link.
  const load = await loadSharedPage((await params).token);
  const title =
    load.status === "ok"
      ? sharedTitle(load.view) || "Shared idea"
      : load.status === "gone"
        ? "This link has expired"
        : load.status === "rate_limited"
          ? "Try again in a moment"
          : "This link does not work";
  return { title, robots: ROBOTS, referrer: "no-referrer" };
}

/**
 * /s/<token>: the read-only story a share link names, open past the password gate. An unknown,
 * revoked or expired link is answered 404 or 410 by proxy.ts before this runs (a page cannot set
 * its status: lib/http/share-page-answer.ts); the not-found page and the notice below only show
 * when the link died in between.
 */
export default async function SharedPage({ params }: { params: Params }) {
  const { token } = await params;
  const load = await loadSharedPage(token);
  if (load.status === "not_found") notFound();
  if (load.status === "gone") {
    return (
      <LinkNotice eyebrow="410" title="This link has expired">
        Ask whoever sent it to you for a new one.
      </LinkNotice>
    );
  }
  if (load.status === "rate_limited") {
    return (
      <LinkNotice eyebrow="Busy" title="Try again in a moment">
        This link has been opened many times just now. Wait {load.retryAfterSeconds} seconds, then reload the page.
      </LinkNotice>
    );
  }
  return <SharedViewPage view={load.view} token={token} />;
}
