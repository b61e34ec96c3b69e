import { safeEqual } from "@/lib/auth/constant-time";

/**
 * Set on every request by the server hook (lib/security/server-hooks.ts) to "<process secret>
 * <socket address>", overwriting whatever a client sent. Next 16 gives proxy.ts no socket address
 * (request.ip is gone; the X-Forwarded-For it fills in is only a default that any client can
 * pre-empt), so this is the one trustworthy source. The secret proves the hook wrote the value.
 */
export const PEER_HEADER = "x-promptsmith-peer";

const STAMP = Symbol.for("promptsmith.peer-stamp");

type Stamp = { secret: string };

/** The hook's per-process secret; on globalThis, since the hook and proxy.ts are separate bundles in one process. */
export function peerStamp(): Stamp | undefined {
  return (globalThis as unknown as Record<symbol, Stamp | undefined>)[STAMP];
}

export function setPeerStamp(stamp: Stamp | undefined): void {
  (globalThis as unknown as Record<symbol, Stamp | undefined>)[STAMP] = stamp;
}

/** The socket's address, when the hook vouches for it. */
export function peerAddress(headers: Headers): string | undefined {
  const stamp = peerStamp();
  const value = headers.get(PEER_HEADER);
  if (!stamp || !value) return undefined;
  const space = value.indexOf(" ");
  if (space < 0 || !safeEqual(value.slice(0, space), stamp.secret)) return undefined;
  return (
    value
      .slice(space + 1)
      .trim()
      .slice(0, 64) || undefined
  );
}
