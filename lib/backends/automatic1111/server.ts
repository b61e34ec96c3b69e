import "server-only";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";

/** Where the A1111 server is and how to sign in, resolved from the config for each call. */
export type A1111Server = {
  /** Origin plus any path prefix (a reverse proxy's), no trailing slash and never credentials. */
  base: string;
  /** "host:port", the only form of the address that may appear in messages. */
  label: string;
  /** "Basic …" when A1111_AUTH (or user:password in A1111_URL) is set. */
  authorization?: string;
};

/**
 * A1111_AUTH wins; otherwise credentials written into A1111_URL are used. Either way they are
 * taken out of the URL, so no log line or message built from `base` can carry them.
 */
export function resolveServer(): A1111Server {
  const { a1111Url, a1111Auth } = getConfig();
  if (!a1111Url) throw new AppError("backend_unavailable", "AUTOMATIC1111 is not configured: set A1111_URL.");
  const url = new URL(a1111Url);
  const fromUrl = url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined;
  url.username = "";
  url.password = "";
  const credentials = a1111Auth ?? fromUrl;
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return {
    base: `${url.origin}${url.pathname.replace(/\/+$/, "")}`,
    label: `${url.hostname}:${port}`,
    ...(credentials ? { authorization: `Basic ${Buffer.from(credentials, "utf8").toString("base64")}` } : {}),
  };
}
