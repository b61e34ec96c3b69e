// Where `npm start` listens, from PORT and HOSTNAME, as arguments for `next start`.
//
// The launcher reads these two itself, the one exception to lib/config.ts being the only reader
// of process.env: they are `next start`'s own options, needed before any of the app's code runs,
// and this script is plain Node. `next start -p` alone ignores HOSTNAME and listens on every
// interface, so the host is always passed with -H.
import { hostname } from "node:os";

/** Loopback unless the person asks for more: a studio with an API is not for the whole network by accident. */
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 3000;

// A host name, an IPv4 address or an IPv6 address (bare or in brackets), and nothing an option parser could misread.
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9_.-]+)?)$/;

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ host: string; port: number; args: string[] }}
 * @throws {Error} naming PORT or HOSTNAME (their values are not secret, but stay out of it anyway).
 */
export function listenOptions(env) {
  const rawPort = (env.PORT ?? "").trim();
  const port = rawPort === "" ? DEFAULT_PORT : Number(rawPort);
  if (!/^\d*$/.test(rawPort) || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error("Promptsmith: invalid configuration:\n  PORT: must be a port number from 1 to 65535");
  }
  let host = (env.HOSTNAME ?? "").trim();
  // Docker and some shells export HOSTNAME as the machine's own name: that is not a request to
  // listen on it, so it means the default too. Ask for 0.0.0.0 (or an address) to be reachable.
  if (host === "" || host === hostname()) host = DEFAULT_HOST;
  // Node listens on "::1", not "[::1]".
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (!HOST.test(host)) {
    throw new Error(
      "Promptsmith: invalid configuration:\n  HOSTNAME: must be a host name or an IP address to listen on (127.0.0.1, or 0.0.0.0 for every interface)",
    );
  }
  return { host, port, args: ["start", "-H", host, "-p", String(port)] };
}

/** What `npm start` says when it starts serving. */
export function servingLine({ host, port }) {
  if (host === "0.0.0.0" || host === "::")
    return `serving on http://localhost:${port} and on every interface (HOSTNAME=${host})`;
  const shown = host.includes(":") ? `[${host}]` : host;
  const local = host === "127.0.0.1" || host === "::1" || host === "localhost";
  return `serving on http://${shown}:${port}${local ? " (this machine only; HOSTNAME=0.0.0.0 to serve the network)" : ""}`;
}
