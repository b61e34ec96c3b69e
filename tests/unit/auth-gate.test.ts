import { describe, expect, it } from "vitest";
import { accessVerdict, bearerToken, isPublicPath, principalOf, trustedKeyHeaders } from "@/lib/auth/gate";
import { sessionKey, signSession } from "@/lib/auth/session";
import { clientKey } from "@/lib/http/client-key";

const cfg = { appPassword: "open sesame 42", apiTokens: ["script-token-1", "script-token-2"] };
const session = () => signSession(sessionKey({ password: cfg.appPassword }));

describe("which paths are open without a session", () => {
  it.each(["/api/health", "/login", "/api/auth/login", "/api/auth/logout", "/_next/static/chunks/a.js", "/icon.svg"])(
    "%s is public",
    (p) => expect(isPublicPath(p)).toBe(true),
  );
  it.each([
    "/",
    "/gallery",
    "/ideas/x",
    "/images/x",
    "/library",
    "/api/refine",
    "/api/generate",
    "/api/catalog",
    "/api/ideas",
    "/api/images/x/file",
    "/api/healthz",
    "/api/health/../ideas",
    "/login2",
    "/__nextjs_original-stack-frames",
  ])("%s is behind the gate", (p) => expect(isPublicPath(p)).toBe(false));

  it("opens the dev overlay's endpoints only in development", () => {
    expect(isPublicPath("/__nextjs_original-stack-frames", true)).toBe(true);
  });
});

describe("access verdicts", () => {
  it("is all open when APP_PASSWORD is unset", () => {
    const open = { apiTokens: [] };
    expect(accessVerdict("/gallery", null, open)).toBe("allow");
    expect(accessVerdict("/api/refine", null, open)).toBe("allow");
  });

  it("sends pages to sign in and answers API routes 401", () => {
    expect(accessVerdict("/gallery", null, cfg)).toBe("sign-in");
    expect(accessVerdict("/", null, cfg)).toBe("sign-in");
    expect(accessVerdict("/api/ideas", null, cfg)).toBe("unauthorized");
    expect(accessVerdict("/api/health", null, cfg)).toBe("allow");
    expect(accessVerdict("/gallery", "session", cfg)).toBe("allow");
    expect(accessVerdict("/api/ideas", "token", cfg)).toBe("allow");
  });
});

describe("who is asking", () => {
  it("accepts a valid session cookie, not a forged or foreign one", () => {
    expect(principalOf(new Headers({ cookie: `ps_session=${session()}` }), cfg, false)).toBe("session");
    expect(principalOf(new Headers({ cookie: "ps_session=v1.99999999999.aaaaaaaaaaaaaaaaaaaa.bbb" }), cfg, false)).toBe(
      null,
    );
    const foreign = signSession(sessionKey({ password: "another one" }));
    expect(principalOf(new Headers({ cookie: `ps_session=${foreign}` }), cfg, false)).toBe(null);
  });

  it("accepts configured Bearer tokens for API routes only", () => {
    const h = new Headers({ authorization: "Bearer script-token-2" });
    expect(principalOf(h, cfg, true)).toBe("token");
    expect(principalOf(h, cfg, false)).toBe(null);
    expect(principalOf(new Headers({ authorization: "bearer script-token-1" }), cfg, true)).toBe("token");
    expect(principalOf(new Headers({ authorization: "Bearer script-token-3" }), cfg, true)).toBe(null);
    expect(principalOf(new Headers({ authorization: "Basic script-token-1" }), cfg, true)).toBe(null);
    expect(principalOf(new Headers({ authorization: "Bearer " }), cfg, true)).toBe(null);
    expect(bearerToken(new Headers({ authorization: "Bearer  spaced  " }))).toBe("spaced");
  });

  it("keys rate limits on checked credentials only, so made-up ones buy no fresh bucket", () => {
    const forged = new Headers({ cookie: "ps_session=made-up-1", "x-forwarded-for": "192.0.2.1" });
    const forged2 = new Headers({ cookie: "ps_session=made-up-2", "x-forwarded-for": "192.0.2.1" });
    expect(clientKey(trustedKeyHeaders(forged, null))).toBe("ip:192.0.2.1");
    expect(clientKey(trustedKeyHeaders(forged2, null))).toBe("ip:192.0.2.1");
    const real = session();
    const withSession = new Headers({ cookie: `other=1; ps_session=${real}`, "x-forwarded-for": "192.0.2.1" });
    expect(clientKey(trustedKeyHeaders(withSession, "session"))).toBe(
      clientKey(new Headers({ cookie: `ps_session=${real}` })),
    );
    const withToken = new Headers({ authorization: "Bearer script-token-1" });
    expect(clientKey(trustedKeyHeaders(withToken, "token"))).toMatch(/^token:/);
  });
});
