import { createHash } from "node:crypto";

/**
 * Who is asking, for rate limits and queue caps: the API token or session when there is one,
 * else the first address in X-Forwarded-For (Next sets it from the socket when the request
 * has none). A client can send its own X-Forwarded-For, so behind a reverse proxy configure
 * the proxy to overwrite it; on an open port a determined client can rotate it.
 */
export function clientKey(headers: Headers): string {
  const auth = headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return `token:${digest(auth.slice(7).trim())}`;
  const session = /(?:^|;\s*)ps_session=([^;]+)/.exec(headers.get("cookie") ?? "")?.[1];
  if (session) return `session:${digest(session)}`;
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return `ip:${forwarded || headers.get("x-real-ip") || "local"}`;
}

/** Keys are logged and kept in memory, so never the raw secret. */
function digest(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 16);
}
