import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  accessVerdict,
  bearerToken,
  checkedClientKey,
  cookieKeyFor,
  isPublicPath,
  principalOf,
  verifiedDevice,
} from "@/lib/auth/gate";
import { sessionKey, signSession, signToken } from "@/lib/auth/session";
import { forgetStoredSessionSecrets, prepareSessionSecret, SESSION_SECRET_FILE } from "@/lib/auth/session-secret";
import { clientKey } from "@/lib/http/client-key";

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-gate-"));
const cfg = { appPassword: "open sesame 42", apiTokens: ["script-token-1", "script-token-2"], dataDir };
const session = () => signSession(cookieKeyFor(cfg) as Buffer);

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

  it.each([
    "/s/AbC_123-xyz",
    "/s/AbC_123-xyz/",
    "/api/s/AbC_123-xyz",
    "/api/s/AbC_123-xyz/images/img_1/file",
    "/api/s/AbC_123-xyz/images/img_1/thumb",
    "/api/s/AbC_123-xyz/feedback",
  ])("share link %s is public", (p) => expect(isPublicPath(p)).toBe(true));

  it.each([
    "/s",
    "/s/",
    "/api/s",
    "/api/s/",
    "/shares",
    "/shares/x",
    "/api/shares",
    "/api/shares/x",
    "/sx",
    "/sx/y",
    "/api/sx/y",
    "/s/../api/ideas",
    "/s/x/../../api/ideas",
    "/api/s/../ideas",
    "/api/s/x/..%2f..%2fideas",
    "/s/x%2f..",
    "/s//x",
    "/x/s/y",
    "/api/ideas/s/y",
  ])("%s is not a share link: behind the gate", (p) => expect(isPublicPath(p)).toBe(false));

  it("opens the dev overlay's endpoints only in development", () => {
    expect(isPublicPath("/__nextjs_original-stack-frames", true)).toBe(true);
  });
});

describe("access verdicts", () => {
  it("is all open when APP_PASSWORD is unset", () => {
    const open = { apiTokens: [], dataDir };
    expect(accessVerdict("/gallery", null, open)).toBe("allow");
    expect(accessVerdict("/api/refine", null, open)).toBe("allow");
  });

  it("sends pages to sign in and answers API routes 401", () => {
    expect(accessVerdict("/gallery", null, cfg)).toBe("sign-in");
    expect(accessVerdict("/", null, cfg)).toBe("sign-in");
    expect(accessVerdict("/api/ideas", null, cfg)).toBe("unauthorized");
    expect(accessVerdict("/api/health", null, cfg)).toBe("allow");
    // Share links pass with APP_PASSWORD set; the owner's share routes and page do not.
    expect(accessVerdict("/api/s/x", null, cfg)).toBe("allow");
    expect(accessVerdict("/s/x", null, cfg)).toBe("allow");
    expect(accessVerdict("/api/shares", null, cfg)).toBe("unauthorized");
    expect(accessVerdict("/shares", null, cfg)).toBe("sign-in");
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
    const foreign = signSession(cookieKeyFor({ ...cfg, appPassword: "another one" }) as Buffer);
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
    const hops = { ...cfg, trustProxyHops: 1 };
    const forged = new Headers({ cookie: "ps_session=made-up-1", "x-forwarded-for": "192.0.2.1" });
    const forged2 = new Headers({ cookie: "ps_session=made-up-2", "x-forwarded-for": "192.0.2.1" });
    expect(checkedClientKey(forged, null, hops, false)).toBe("ip:192.0.2.1");
    expect(checkedClientKey(forged2, null, hops, false)).toBe("ip:192.0.2.1");
    const real = session();
    const withSession = new Headers({ cookie: `other=1; ps_session=${real}`, "x-forwarded-for": "192.0.2.1" });
    expect(checkedClientKey(withSession, "session", hops, false)).toBe(
      clientKey(new Headers({ cookie: `ps_session=${real}` }), 0),
    );
    const withToken = new Headers({ authorization: "Bearer script-token-1" });
    expect(checkedClientKey(withToken, "token", hops, false)).toMatch(/^token:/);
  });
});

describe("session secret (issue 15.6)", () => {
  it("without SESSION_SECRET a cookie keyed on the password alone does not open the gate", () => {
    // What the cookie key used to be: HKDF of the password, guessable offline from one cookie.
    const passwordOnly = sessionKey({ password: cfg.appPassword, secret: cfg.appPassword });
    expect(principalOf(new Headers({ cookie: `ps_session=${signSession(passwordOnly)}` }), cfg, false)).toBe(null);
    expect(principalOf(new Headers({ cookie: `ps_session=${session()}` }), cfg, false)).toBe("session");
  });

  it("keeps a random secret in DATA_DIR, readable by its owner only, the same after a restart", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "promptsmith-secret-"));
    const c = { ...cfg, dataDir: path.join(dir, "not-yet") };
    const key = cookieKeyFor(c) as Buffer;
    const file = path.join(c.dataDir, SESSION_SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, "utf8").trim();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toContain(cfg.appPassword);
    forgetStoredSessionSecrets();
    expect((cookieKeyFor(c) as Buffer).equals(key)).toBe(true);
    // Another data directory, another secret: nothing is derived from the password alone.
    expect((cookieKeyFor({ ...c, dataDir: path.join(dir, "other") }) as Buffer).equals(key)).toBe(false);
  });

  it("is made at start when the gate is on, and an unusable DATA_DIR stops the start", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "promptsmith-secret-start-"));
    prepareSessionSecret({ ...cfg, dataDir: dir });
    expect(statSync(path.join(dir, SESSION_SECRET_FILE)).isFile()).toBe(true);
    const blocked = path.join(dir, SESSION_SECRET_FILE, "below-a-file");
    expect(() => prepareSessionSecret({ ...cfg, dataDir: blocked })).toThrow();
    // Nothing to keep with the gate off, or with SESSION_SECRET set.
    expect(() => prepareSessionSecret({ dataDir: blocked })).not.toThrow();
    expect(() => prepareSessionSecret({ ...cfg, sessionSecret: "x".repeat(32), dataDir: blocked })).not.toThrow();
  });

  it("a new password still signs everyone out", () => {
    const token = session();
    expect(
      principalOf(new Headers({ cookie: `ps_session=${token}` }), { ...cfg, appPassword: "a new one!" }, false),
    ).toBe(null);
  });

  it("SESSION_SECRET, when set, is the key material instead", () => {
    const withSecret = { ...cfg, sessionSecret: "configured-secret-0123456789abcdef" };
    const token = signSession(sessionKey({ password: cfg.appPassword, secret: withSecret.sessionSecret }));
    expect(principalOf(new Headers({ cookie: `ps_session=${token}` }), withSecret, false)).toBe("session");
    expect(principalOf(new Headers({ cookie: `ps_session=${token}` }), cfg, false)).toBe(null);
  });
});

describe("several cookies of one name, __Host- over https (issue 15.6)", () => {
  it("finds the valid session among planted or stale ones", () => {
    const cookie = `ps_session=planted; ps_session=${session()}`;
    expect(principalOf(new Headers({ cookie }), cfg, false)).toBe("session");
    const h = new Headers();
    h.append("cookie", "ps_session=stale");
    h.append("cookie", `ps_session=${session()}`);
    expect(principalOf(h, cfg, false)).toBe("session");
  });

  it("over https reads only __Host-ps_session", () => {
    const token = session();
    expect(principalOf(new Headers({ cookie: `__Host-ps_session=${token}` }), cfg, false, true)).toBe("session");
    expect(principalOf(new Headers({ cookie: `ps_session=${token}` }), cfg, false, true)).toBe(null);
  });

  it("knows a device cookie it signed, not a session passed off as one", () => {
    const key = cookieKeyFor(cfg) as Buffer;
    const device = signToken(key, "d1", Date.now(), 3600);
    expect(verifiedDevice(new Headers({ cookie: `ps_device=${device}` }), cfg, false)).toBeTruthy();
    expect(verifiedDevice(new Headers({ cookie: `ps_device=${session()}` }), cfg, false)).toBeUndefined();
    expect(verifiedDevice(new Headers({ cookie: `ps_device=${device}` }), cfg, true)).toBeUndefined();
  });
});
