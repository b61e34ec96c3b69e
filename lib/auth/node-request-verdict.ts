import "server-only";
import type http from "node:http";
import { getConfig } from "@/lib/config";
import { isOpenAiPath } from "@/lib/openai-compat/error-shape";
import { type AccessVerdict, accessVerdict, principalOf } from "./gate";

/**
 * The password gate's verdict on an API path for a request as Node's server has it (before Next
 * made a Request of it): the credentials proxy.ts reads (the session cookie, a Bearer token), and
 * https as isHttpsRequest tells it (the socket, or X-Forwarded-Proto). For the server hook
 * (lib/security/server-hooks.ts), which answers some requests before Next and proxy.ts see them.
 */
export function nodeRequestVerdict(req: http.IncomingMessage, pathname: string): AccessVerdict {
  const cfg = getConfig();
  // Without the gate only /v1 can be closed (by API_TOKENS; accessVerdict).
  if (!cfg.appPassword && !(isOpenAiPath(pathname) && cfg.apiTokens.length > 0)) return "allow";
  const headers = new Headers();
  for (const name of ["authorization", "cookie", "x-forwarded-proto"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  const secure =
    (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true ||
    headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
  return accessVerdict(pathname, principalOf(headers, cfg, true, secure), cfg);
}
