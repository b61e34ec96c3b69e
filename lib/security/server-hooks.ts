import "server-only";
import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { isApiPath } from "@/lib/auth/gate";
import { nodeRequestVerdict } from "@/lib/auth/node-request-verdict";
import { serveHotThumb } from "@/lib/http/thumb-fast-lane";
import { isOpenAiPath, openAiError } from "@/lib/openai-compat/error-shape";
import { PEER_HEADER, peerStamp, setPeerStamp } from "@/lib/http/peer-address";
import type { ErrorCode } from "@/lib/schemas/api";
import { LIMITS } from "@/lib/schemas/common";
import { API_CSP, SECURITY_HEADERS } from "./headers";

export type ServerHookOptions = {
  /** Largest body any route takes: a declared Content-Length above it is refused on the headers. */
  maxBodyBytes: number;
  /** The whole request (headers and body) must arrive within this; Node's default is 5 minutes. */
  requestTimeoutMs: number;
  /** The headers must arrive within this; Node's default is 1 minute. */
  headersTimeoutMs: number;
};

/**
 * A minute for a request of at most 1 MB is room for a link of 20 kB/s; the headers of an honest
 * client arrive at once.
 */
export const SERVER_HOOK_DEFAULTS: ServerHookOptions = {
  maxBodyBytes: LIMITS.bodyBytes,
  requestTimeoutMs: 60_000,
  headersTimeoutMs: 20_000,
};

const ORIGINAL_EMIT = Symbol.for("promptsmith.server-hooks.emit");
type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
type Patched = { [ORIGINAL_EMIT]?: Emit; emit: Emit };
const tuned = new WeakSet<object>();

/**
 * `next start` gives the app no hold on its HTTP server: proxy.ts cannot see the socket's address
 * (request.ip is gone in Next 15+), the only timeout option is --keepAliveTimeout, and Next reads a
 * request's whole body (up to proxyClientMaxBodySize) before it sends proxy.ts's answer.
 * instrumentation.ts runs in the server's process, so it hooks the one event every request passes
 * through, the server's "request" event, to:
 *
 * - stamp each request with its socket address (lib/http/peer-address.ts), overwriting anything a
 *   client sent, so rate limits can key anonymous clients without believing X-Forwarded-For;
 * - refuse on the headers alone, closing the connection so the upload is never read: a declared
 *   Content-Length above the cap (413), and a body sent to a gated API route without a session or
 *   token (401);
 * - lower the server's request and headers timeouts, so a stalled upload is dropped in a minute,
 *   not five;
 * - answer a thumbnail at its content-addressed URL from memory (lib/http/thumb-fast-lane.ts).
 *
 * Everything else stays with proxy.ts, which makes the same checks again (and is all there is on a
 * server without the hook).
 */
export function installServerHooks(opts: ServerHookOptions = SERVER_HOOK_DEFAULTS): void {
  if (!peerStamp()) setPeerStamp({ secret: randomBytes(24).toString("base64url") });
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as Patched[]) {
    if (proto[ORIGINAL_EMIT]) continue;
    const original = proto.emit;
    proto[ORIGINAL_EMIT] = original;
    proto.emit = function emit(this: http.Server, event, ...args) {
      if (event === "request") {
        const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
        try {
          if (onRequest(this, req, res, opts)) return true;
        } catch {
          // Never take the server down from here: proxy.ts makes the same checks.
        }
      }
      return original.call(this, event, ...args);
    };
  }
}

/** True when the request was answered here. */
export function onRequest(
  server: http.Server,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  opts: ServerHookOptions,
): boolean {
  if (!tuned.has(server)) {
    tuned.add(server);
    // Read on every check of the server's connections, so setting them after listen() holds.
    server.requestTimeout = opts.requestTimeoutMs;
    server.headersTimeout = Math.min(opts.headersTimeoutMs, opts.requestTimeoutMs);
  }
  const stamp = peerStamp();
  delete req.headers[PEER_HEADER];
  if (stamp) req.headers[PEER_HEADER] = `${stamp.secret} ${req.socket?.remoteAddress ?? ""}`;

  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > opts.maxBodyBytes) {
    refuse(req, res, 413, "too_large", `The body is larger than ${opts.maxBodyBytes} bytes.`);
    return true;
  }
  const hasBody = declared > 0 || req.headers["transfer-encoding"] !== undefined;
  // Thumbnails by content address, from memory, before Next (lib/http/thumb-fast-lane.ts).
  if (!hasBody && serveHotThumb(req, res)) return true;
  if (hasBody && gatedWithoutCredentials(req)) {
    refuse(req, res, 401, "unauthorized", "Sign in first, or send an API token as Authorization: Bearer <token>.", {
      "WWW-Authenticate": 'Bearer realm="Promptsmith"',
    });
    return true;
  }
  return false;
}

/**
 * A plain API path (no encoding, dot segments or doubled slashes, which Next may read otherwise:
 * those are left to proxy.ts) behind the gate, from a caller without a valid session or token.
 */
function gatedWithoutCredentials(req: http.IncomingMessage): boolean {
  const pathname = (req.url ?? "").split("?")[0] ?? "";
  if (!/^\/(?:api|v1)(\/[A-Za-z0-9_-]+)*$/.test(pathname) || !isApiPath(pathname)) return false;
  return nodeRequestVerdict(req, pathname) === "unauthorized";
}

function refuse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  extra: Record<string, string> = {},
): void {
  // The OpenAI-compatible API's clients read OpenAI's error shape (lib/openai-compat/).
  const v1 = isOpenAiPath((req.url ?? "").split("?")[0] ?? "");
  const body = JSON.stringify(v1 ? openAiError(code, status, message).body : { error: { code, message } });
  res.shouldKeepAlive = false;
  res.writeHead(status, {
    ...Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key, h.value])),
    "Content-Security-Policy": API_CSP,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    Connection: "close",
    ...extra,
  });
  // Closing drops the rest of the upload unread.
  res.end(body, () => req.socket?.destroy());
}

/** Tests only. */
export function uninstallServerHooks(): void {
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as Patched[]) {
    const original = proto[ORIGINAL_EMIT];
    if (!original) continue;
    // The prototypes had no emit of their own before: let the inherited one show through again.
    delete (proto as Partial<Patched>).emit;
    delete proto[ORIGINAL_EMIT];
  }
  setPeerStamp(undefined);
}
