import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";

/** `signOut` is filled by the layout, which knows whether the password gate is on. */
export function SiteHeader({ signOut }: { signOut?: ReactNode }) {
  return (
    <header className="sticky top-0 z-30 border-b border-line bg-canvas/85 backdrop-blur supports-[backdrop-filter]:bg-canvas/75">
      <div className="mx-auto flex h-14 w-full max-w-[1600px] items-center gap-2 px-4 sm:gap-4 sm:px-6">
        <Link
          href="/"
          className="flex items-center gap-2 rounded-md font-semibold tracking-tight text-ink no-underline"
        >
          <Logo />
          {/* Four links and the wordmark do not fit a 375 px phone: there the mark stands alone. */}
          <span className="max-[25rem]:sr-only">Promptsmith</span>
        </Link>
        <nav aria-label="Main" className="ml-auto">
          <ul className="flex items-center gap-0.5 sm:gap-1">
            <li>
              <NavLink href="/">Studio</NavLink>
            </li>
            <li>
              <NavLink href="/ideas">Ideas</NavLink>
            </li>
            <li>
              <NavLink href="/gallery">Gallery</NavLink>
            </li>
            <li>
              <NavLink href="/library">Library</NavLink>
            </li>
          </ul>
        </nav>
        {signOut}
      </div>
    </header>
  );
}
