import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { ConnectionStatus } from "@/components/connection/connection-status";
import { EmbeddedDefaultsNotice } from "@/components/ui/embedded-defaults-notice";
import { HiddenOnSharePages } from "@/components/ui/hidden-on-share-pages";
import { LogoutButton } from "@/components/ui/logout-button";
import { SiteHeader } from "@/components/ui/site-header";
import { SkipLink } from "@/components/ui/skip-link";
import { isAuthEnabled, isSignedInOrOpen } from "@/lib/auth/server";
import { SHARE_PAGE_HEADER } from "@/lib/auth/share-page-header";
import { getCatalog } from "@/lib/studio/queries";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Promptsmith", template: "%s · Promptsmith" },
  description: "Turn a rough idea into a detailed image prompt, then into images.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f6f6f7" },
    { media: "(prefers-color-scheme: dark)", color: "#0f1013" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh antialiased">
        <SkipLink />
        <SiteChrome />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-[1600px] px-4 pt-6 pb-16 outline-none sm:px-6">
          {children}
        </main>
        <ConnectionStatus />
      </body>
    </html>
  );
}

/**
 * The header and the embedded-defaults notice, except on a share link's page: a visitor could open
 * none of it, so it is not rendered there at all (not even into the RSC payload). The proxy marks
 * those requests; the client check covers a later client-side navigation.
 */
async function SiteChrome() {
  await connection();
  if ((await headers()).get(SHARE_PAGE_HEADER) === "1") return null;
  return (
    <HiddenOnSharePages>
      <SiteHeader signOut={<SignOutSlot />} />
      <EmbeddedDefaultsBanner />
    </HiddenOnSharePages>
  );
}

/** Only with the password gate on and a session: there is nothing to sign out of otherwise. */
async function SignOutSlot() {
  await connection();
  return isAuthEnabled() && isSignedInOrOpen(await headers()) ? <LogoutButton /> : null;
}

/** Read per request: the configuration decides, and components stay free of server code. */
async function EmbeddedDefaultsBanner() {
  await connection();
  // A visitor who has not signed in learns nothing of the server's setup.
  if (!isSignedInOrOpen(await headers())) return null;
  try {
    return getCatalog().embeddedDefaults ? <EmbeddedDefaultsNotice /> : null;
  } catch {
    return null;
  }
}
