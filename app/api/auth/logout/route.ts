import { clearedSessionCookie, isHttpsRequest } from "@/lib/auth/cookie";
import { handle } from "@/lib/http/handle";

export const dynamic = "force-dynamic";

/**
 * Ends the session in this browser. The Sign out button is a plain form, so a form post is sent
 * on to the sign-in page; a script gets 204.
 */
export const POST = handle(async (request) => {
  const cookie = clearedSessionCookie(isHttpsRequest(request.headers, request.url));
  const isForm = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(
    request.headers.get("content-type") ?? "",
  );
  const headers: Record<string, string> = { "Set-Cookie": cookie, "Cache-Control": "no-store" };
  if (isForm) return new Response(null, { status: 303, headers: { ...headers, Location: "/login" } });
  return new Response(null, { status: 204, headers });
});
