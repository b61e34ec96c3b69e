import { deviceCookie, isHttpsRequest, sessionCookie } from "@/lib/auth/cookie";
import { LoginBodySchema } from "@/lib/auth/login-body";
import { safeNextPath } from "@/lib/auth/next-path";
import { passwordMatches } from "@/lib/auth/password";
import { newSignInTokens } from "@/lib/auth/server";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/handle";
import { parseFormBody, parseJsonBody } from "@/lib/http/parse";
import { log } from "@/lib/log";
import { rejectJson } from "@/lib/security/reject";

export const dynamic = "force-dynamic";

const WRONG = "That password is not right.";

/**
 * Signs a browser in. The sign-in page posts JSON and reads the answer; without scripts its form
 * posts fields and is sent on with 303 redirects. Attempts are rate-limited in proxy.ts.
 */
export const POST = handle(async (request) => {
  const { appPassword } = getConfig();
  if (!appPassword) throw new AppError("not_found", "Sign-in is off: APP_PASSWORD is not set.");
  const isForm = /^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "");
  const body = isForm
    ? await parseFormBody(request, LoginBodySchema).catch(() => ({ password: "", next: undefined }))
    : await parseJsonBody(request, LoginBodySchema);
  const next = safeNextPath(body.next);

  if (!body.password || !passwordMatches(body.password, appPassword)) {
    log.warn("sign-in refused: wrong password", { path: "/api/auth/login" });
    if (isForm) return seeOther(`/login?error=wrong${next === "/" ? "" : `&next=${encodeURIComponent(next)}`}`);
    return rejectJson(401, "unauthorized", WRONG);
  }

  const tokens = newSignInTokens() as { session: string; device: string };
  const secure = isHttpsRequest(request.headers, request.url);
  // The device cookie outlives the session: this browser keeps its own sign-in bucket (proxy.ts).
  const cookies = [sessionCookie(tokens.session, secure), deviceCookie(tokens.device, secure)];
  if (isForm) return seeOther(next, cookies);
  const headers = new Headers({ "Cache-Control": "no-store" });
  for (const c of cookies) headers.append("Set-Cookie", c);
  return Response.json({ ok: true, next }, { status: 200, headers });
});

/** A relative Location: `path` is already a same-site path (safeNextPath), so no host is trusted here. */
function seeOther(path: string, cookies: string[] = []): Response {
  const headers = new Headers({ Location: path, "Cache-Control": "no-store" });
  for (const c of cookies) headers.append("Set-Cookie", c);
  return new Response(null, { status: 303, headers });
}
