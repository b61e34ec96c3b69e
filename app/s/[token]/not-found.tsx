import type { Metadata } from "next";
import { LinkNotice } from "@/components/share/link-notice";

export const metadata: Metadata = { title: "This link does not work", robots: { index: false, follow: false } };

/** An unknown or revoked share link: said plainly, with nowhere to go that a visitor could not open. */
export default function ShareNotFound() {
  return (
    <LinkNotice eyebrow="404" title="This link does not work">
      It was revoked by whoever shared it, or it never existed. Ask them for a new link.
    </LinkNotice>
  );
}
