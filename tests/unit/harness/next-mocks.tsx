import type { ReactNode } from "react";
import { vi } from "vitest";

/**
 * Next's router and <Link> need the app router's context, which a jsdom test has not got.
 * Importing this module stands them in: a router whose `push` tests may inspect, and a plain <a>.
 * Import it before the component under test (see ./studio.tsx).
 */
export const routerPush = vi.fn();

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: routerPush, refresh: vi.fn(), replace: vi.fn() }),
  usePathname: () => "/",
}));
vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));
