import { type NextRequest, NextResponse } from "next/server";
import { accessVerdict, isApiPath, principalOf, trustedKeyHeaders } from "@/lib/auth/gate";
import { isHttpsRequest } from "@/lib/auth/cookie";
import { safeNextPath } from "@/lib/auth/next-path";
import { TRUSTED_CLIENT_HEADER } from "@/lib/auth/trusted-client";
import { getConfig } from "@/lib/config";
import { clientKey } from "@/lib/http/client-key";
import { limitFor, takeToken } from "@/lib/limits/rate-limits";
import { LIMITS } from "@/lib/schemas/common";
import { newNonce, pageCsp } from "@/lib/security/csp";
import { rejectJson } from "@/lib/security/reject";

/** Path plus query of an API request; the longest legitimate one (ids, a 200-character search) is far below. */
const MAX_API_URL_CHARS = 8192;

const RATE_MESSAGES = {
  refine: "Too many refinements from you right now",
  generate: "Too many generations from you right now",
  login: "Too many sign-in attempts",
} as const;

/**
 * Runs before every page and API route (Node runtime, one process with the routes, so the
 * rate-limit buckets in memory hold across requests): the password gate, rate limits, size
 * checks that need no body, and a fresh CSP nonce for each page.
 */
export function proxy(request: NextRequest): Response {
  const { pathname, search } = request.nextUrl;
  const api = isApiPath(pathname);
  const dev = process.env.NODE_ENV === "development";
  const cfg = getConfig();

  if (api && pathname.length + search.length > MAX_API_URL_CHARS) {
    return rejectJson(414, "too_large", `The URL is longer than ${MAX_API_URL_CHARS} characters.`);
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (api && declared > LIMITS.bodyBytes) {
    return rejectJson(413, "too_large", `The body is larger than ${LIMITS.bodyBytes} bytes.`);
  }

  const principal = principalOf(request.headers, cfg, api);
  const limit = limitFor(request.method, pathname);
  // Sign-in attempts are counted before the gate (the endpoint is public); the rest only once the
  // caller is known, so a 401 is never hidden behind a 429 and a made-up cookie buys no new bucket.
  if (limit === "login") {
    const limited = rateLimited(request, "login", principal);
    if (limited) return limited;
  }

  // The sign-in page has nothing to do without a password or with a session: straight on.
  if (pathname === "/login" && (!cfg.appPassword || principal === "session")) {
    return NextResponse.redirect(new URL(safeNextPath(request.nextUrl.searchParams.get("next")), request.url), 307);
  }

  const verdict = accessVerdict(pathname, principal, cfg, dev);
  if (verdict === "unauthorized") {
    return rejectJson(401, "unauthorized", "Sign in first, or send an API token as Authorization: Bearer <token>.", {
      "WWW-Authenticate": 'Bearer realm="Promptsmith"',
    });
  }
  if (verdict === "sign-in") {
    const target = request.nextUrl.clone();
    target.pathname = "/login";
    target.search = "";
    const next = safeNextPath(`${pathname}${search}`, "");
    if (next && next !== "/") target.searchParams.set("next", next);
    return NextResponse.redirect(target, 307);
  }

  if (limit && limit !== "login") {
    const limited = rateLimited(request, limit, principal);
    if (limited) return limited;
  }

  if (api) {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set(TRUSTED_CLIENT_HEADER, clientKey(trustedKeyHeaders(request.headers, principal)));
    return NextResponse.next({ request: { headers: requestHeaders } });
  }
  // Pages: Next finds the nonce in the request's CSP header and puts it on its own scripts.
  const nonce = newNonce();
  const csp = pageCsp({ nonce, dev, https: isHttpsRequest(request.headers, request.url) });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

function rateLimited(
  request: NextRequest,
  limit: keyof typeof RATE_MESSAGES,
  principal: ReturnType<typeof principalOf>,
): Response | undefined {
  const rule = getConfig().rateLimits[limit];
  const key = clientKey(trustedKeyHeaders(request.headers, principal));
  const taken = takeToken(limit, key, rule);
  if (taken.ok) return undefined;
  const s = taken.retryAfterSeconds;
  return rejectJson(429, "rate_limited", `${RATE_MESSAGES[limit]}; try again in ${s} second${s === 1 ? "" : "s"}.`, {
    "Retry-After": String(s),
  });
}

export const config = {
  // Everything but built assets and the icon: pages, API routes, and RSC requests for pages.
  matcher: ["/((?!_next/static|_next/image|icon\\.svg|favicon\\.ico).*)"],
};
