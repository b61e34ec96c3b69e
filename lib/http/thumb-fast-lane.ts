import "server-only";
import type http from "node:http";
import { nodeRequestVerdict } from "@/lib/auth/node-request-verdict";
import { API_CSP, SECURITY_HEADERS } from "@/lib/security/headers";
import { hotThumbKey, sharedHotThumbs, VERIFIED_MS } from "@/lib/studio/hot-thumbs";
import { thumbHeaders } from "@/lib/studio/thumb-response";
import { etagMatches } from "./image-file-response";

/*
 * Thumbnails at their content-addressed URL, answered from memory by the server hook
 * (lib/security/server-hooks.ts) before Next (issue 12: 3,000 a second on two cores). Measured on
 * this machine, Next's part of a thumbnail request (routing, proxy.ts, the route's web streams)
 * was nearly all of its cost; the store lookup and the file read were small beside it.
 * It answers only what it can answer exactly as the route would: a GET or HEAD of
 * /api/images/<id>/thumb?v=<16 hex digits>, no other query, whose bytes the route has served and
 * the store said exist within VERIFIED_MS, from a caller the password gate lets through (the same
 * accessVerdict proxy.ts asks). Anything else (a miss, an old entry, a gated caller without a
 * session or token, a share link's path) goes on to Next unchanged.
 */

const THUMB_PATH = /^\/api\/images\/([A-Za-z0-9_-]{1,64})\/thumb\?v=([0-9a-f]{16})$/;
const FIXED_HEADERS: Record<string, string> = {
  ...Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key, h.value])),
  "Content-Security-Policy": API_CSP,
};

/** True when the request was answered here. */
export function serveHotThumb(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const m = THUMB_PATH.exec(req.url ?? "");
  if (!m?.[1] || !m[2]) return false;
  const thumb = sharedHotThumbs().get(hotThumbKey(m[1], m[2]));
  if (!thumb || Date.now() - thumb.verifiedAt > VERIFIED_MS) return false;
  if (nodeRequestVerdict(req, "/api/images") !== "allow") return false;
  const ifNoneMatch = req.headers["if-none-match"];
  const headers = { ...FIXED_HEADERS, ...thumbHeaders(thumb, true) };
  if (etagMatches(typeof ifNoneMatch === "string" ? ifNoneMatch : null, thumb.etag)) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(200, { ...headers, "Content-Length": String(thumb.bytes.byteLength) });
  res.end(req.method === "HEAD" ? undefined : thumb.bytes);
  return true;
}
