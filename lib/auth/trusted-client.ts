import { getConfig } from "@/lib/config";
import { clientKey } from "@/lib/http/client-key";

/**
 * Set by proxy.ts on every API request (overwriting anything a client sent): the client key built
 * from credentials that checked out, so a made-up cookie or token cannot pose as a new client.
 */
export const TRUSTED_CLIENT_HEADER = "x-promptsmith-client";

/** Who is asking, for per-client caps in routes: the proxy's checked key, else (tests, no proxy) clientKey. */
export function trustedClientKey(headers: Headers): string {
  return headers.get(TRUSTED_CLIENT_HEADER) || clientKey(headers, getConfig().trustProxyHops);
}
