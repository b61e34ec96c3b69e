import { type NextRequest, NextResponse } from "next/server";
import { isHttpsRequest } from "@/lib/auth/cookie";
import {
  accessVerdict,
  bearerToken,
  checkedClientKey,
  isApiPath,
  isSharePath,
  type Principal,
  principalOf,
  verifiedDevice,
} from "@/lib/auth/gate";
import { safeNextPath } from "@/lib/auth/next-path";
import { SHARE_PAGE_HEADER } from "@/lib/auth/share-page-header";
import { TRUSTED_CLIENT_HEADER } from "@/lib/auth/trusted-client";
import { getConfig } from "@/lib/config";
import { sharePageAnswer } from "@/lib/http/share-page-answer";
import { PEER_HEADER } from "@/lib/http/peer-address";
import { prepareSharedSessionSecret } from "@/lib/auth/session-secret";
import { isAppError } from "@/lib/errors";
import { limitFor } from "@/lib/limits/rate-limits";
import { takeLimitToken } from "@/lib/limits/take-token";
import { log } from "@/lib/log";
import { openAiShapedRefusal } from "@/lib/openai-compat/proxy-answer";
import { LIMITS } from "@/lib/schemas/common";
import { newNonce, pageCsp } from "@/lib/security/csp";
import { rejectJson } from "@/lib/security/reject";
import { crossSiteRefusal, isStateChanging } from "@/lib/security/same-origin";

/** Path plus query of an API request; the longest legitimate one (ids, a 200-character search) is far below. */
const MAX_API_URL_CHARS = 8192;

const RATE_MESSAGES = {
  refine: "Too many refinements from you right now",
  generate: "Too many generations from you right now",
  login: "Too many sign-in attempts",
} as const;

/**
 * Runs before every page and API route (Node runtime, one process with the routes, so the
 * embedded mode's rate-limit buckets in memory hold across requests; with DATABASE_URL they are
 * counted in Postgres for every instance): the password gate, the same-origin check of
 * state-changing requests, rate limits, size checks that need no body, and a fresh CSP nonce for
 * each page. No input may make it throw: an unexpected error still answers in the error shape,
 * with the security headers (next.config.ts adds them to every answer of the proxy). A database
 * that does not answer (the shared session secret, the Postgres rate limits) is 503.
 */
export async function proxy(request: NextRequest): Promise<Response> {
  const given = await answer(request);
  try {
    return await openAiShapedRefusal(request.nextUrl.pathname, given);
  } catch {
    return given;
  }
}

async function answer(request: NextRequest): Promise<Response> {
  try {
    return await gate(request);
  } catch (error) {
    if (isAppError(error) && error.code === "backend_unavailable") {
      return rejectJson(503, "backend_unavailable", error.message, { "Retry-After": "5" });
    }
    log.warn("proxy: a request it could not read", { error: error instanceof Error ? error.message : String(error) });
    return rejectJson(400, "invalid_request", "The request could not be read.");
  }
}

async function gate(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  const api = isApiPath(pathname);
  const dev = process.env.NODE_ENV === "development";
  const cfg = getConfig();
  const secure = isHttpsRequest(request.headers, request.url);
  // With DATABASE_URL and no SESSION_SECRET the cookie key is in the database: instrumentation.ts
  // loads it at start, but Next may pass a request here before that has finished. A no-op once loaded.
  await prepareSharedSessionSecret(cfg);

  if (api && pathname.length + search.length > MAX_API_URL_CHARS) {
    return rejectJson(414, "too_large", `The URL is longer than ${MAX_API_URL_CHARS} characters.`);
  }
  // No route takes more; pages take no body at all. (The server hook refuses this before Next reads
  // the body; here it holds when the hook is not installed.)
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > LIMITS.bodyBytes) {
    return rejectJson(413, "too_large", `The body is larger than ${LIMITS.bodyBytes} bytes.`);
  }

  // Cross-site form posts and fetches carry the browser's cookie: refuse them before anything
  // runs, signed in or not (without the gate there is no cookie, but a form on another site could
  // still create ideas or cancel generations). A Bearer header is no CSRF: a page elsewhere cannot
  // send one without a CORS preflight, which this server never grants.
  if (isStateChanging(request.method) && !bearerToken(request.headers)) {
    const refusal = crossSiteRefusal(request.headers, secure, cfg.trustProxyHops);
    if (refusal) return rejectJson(403, "forbidden", refusal);
  }

  const principal = principalOf(request.headers, cfg, api, secure);
  const limit = limitFor(request.method, pathname);
  // Sign-in attempts are counted before the gate (the endpoint is public); the rest only once the
  // caller is known, so a 401 is never hidden behind a 429 and a made-up cookie buys no new bucket.
  // A browser with a session or a device cookie from an earlier sign-in has a bucket of its own and
  // skips the shared one: strangers who drain that cannot lock the owner out.
  if (limit === "login") {
    const proven = principal === "session" || verifiedDevice(request.headers, cfg, secure) !== undefined;
    const limited = await rateLimited(request, "login", principal, { proven });
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
    const limited = await rateLimited(request, limit, principal);
    if (limited) return limited;
  }

  const requestHeaders = new Headers(request.headers);
  // The hook's secret stays in this process: routes and pages get the checked client key instead.
  requestHeaders.delete(PEER_HEADER);
  if (api) {
    requestHeaders.set(TRUSTED_CLIENT_HEADER, checkedClientKey(request.headers, principal, cfg, secure));
    return NextResponse.next({ request: { headers: requestHeaders } });
  }
  // Pages: Next finds the nonce in the request's CSP header and puts it on its own scripts.
  const nonce = newNonce();
  // A share link's page that opens nothing is a real 404 or 410, which no page can say (lib/http/share-page-answer.ts).
  const deadLink = await sharePageAnswer(pathname, request.method, nonce);
  if (deadLink) return deadLink;
  const csp = pageCsp({ nonce, dev, https: secure });
  // The layout leaves the site's chrome out of a share page (app/layout.tsx); only this proxy says which pages are.
  requestHeaders.delete(SHARE_PAGE_HEADER);
  if (isSharePath(pathname)) requestHeaders.set(SHARE_PAGE_HEADER, "1");
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

async function rateLimited(
  request: NextRequest,
  limit: keyof typeof RATE_MESSAGES,
  principal: Principal,
  opts: { proven?: boolean } = {},
): Promise<Response | undefined> {
  const cfg = getConfig();
  const rule = cfg.rateLimits[limit];
  const secure = isHttpsRequest(request.headers, request.url);
  const key = checkedClientKey(request.headers, principal, cfg, secure, { device: limit === "login" });
  const taken = await takeLimitToken(limit, key, rule, opts);
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
