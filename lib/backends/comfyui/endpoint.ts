import "server-only";

/** Where ComfyUI lives, split once so no request, socket or message ever carries credentials. */
export type ComfyEndpoint = {
  /** http(s)://host:port/optional-prefix/ without user:password, always ending in "/". */
  base: string;
  /** host:port, for messages a person reads. */
  where: string;
  /** Basic auth taken from user:password@ in COMFYUI_URL (ComfyUI behind a proxy). */
  headers: Record<string, string>;
};

export function comfyEndpoint(url: string): ComfyEndpoint {
  const u = new URL(url);
  const headers: Record<string, string> = {};
  if (u.username || u.password) {
    const user = decodeURIComponent(u.username);
    const pass = decodeURIComponent(u.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
    u.username = "";
    u.password = "";
  }
  u.search = "";
  u.hash = "";
  if (!u.pathname.endsWith("/")) u.pathname += "/";
  const port = u.port || (u.protocol === "https:" ? "443" : "80");
  return { base: u.toString(), where: `${u.hostname}:${port}`, headers };
}

/** An endpoint path ("prompt", "history/abc") under the base, keeping any proxy prefix. */
export function endpointUrl(endpoint: ComfyEndpoint, path: string, query?: Record<string, string>): URL {
  const url = new URL(path.replace(/^\/+/, ""), endpoint.base);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  return url;
}

/** ws:// or wss:// for /ws?clientId=…, on the same host and prefix as the HTTP API. */
export function socketUrl(endpoint: ComfyEndpoint, clientId: string): string {
  const url = endpointUrl(endpoint, "ws", { clientId });
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}
