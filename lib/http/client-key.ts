import { createHash } from "node:crypto";
import { peerAddress } from "./peer-address";

/**
 * Who is asking, for rate limits and queue caps: the API token or session when there is one,
 * else the client's address (clientAddress). proxy.ts builds the key from credentials it checked
 * (lib/auth/gate.ts); this reads them unchecked, for routes called without the proxy (tests).
 */
export function clientKey(headers: Headers, trustProxyHops: number): string {
  const auth = headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return tokenKey(auth.slice(7).trim());
  const session = /(?:^|[;,]\s*)(?:__Host-)?ps_session=([^;,]+)/.exec(headers.get("cookie") ?? "")?.[1];
  if (session) return sessionKeyOf(session);
  return addressKey(clientAddress(headers, trustProxyHops));
}

export const tokenKey = (token: string) => `token:${digest(token)}`;
export const sessionKeyOf = (session: string) => `session:${digest(session)}`;
export const deviceKey = (id: string) => `device:${digest(id)}`;
export const addressKey = (address: string) => `ip:${address}`;

/**
 * The address of an anonymous client. With TRUST_PROXY=N the N-th X-Forwarded-For entry from the
 * right: the one the nearest trusted reverse proxy appended (entries further left are whatever the
 * client wrote). Without it the header is ignored, whoever set it, and the address is the socket's
 * (lib/http/peer-address.ts). Where that is unknown every anonymous client is one: "unknown".
 */
export function clientAddress(headers: Headers, trustProxyHops: number): string {
  if (trustProxyHops > 0) {
    const hops = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean);
    const forwarded = hops[Math.max(0, hops.length - trustProxyHops)] ?? headers.get("x-real-ip")?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  return peerAddress(headers) ?? "unknown";
}

/** Keys are logged and kept in memory, so never the raw secret. */
function digest(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 16);
}
