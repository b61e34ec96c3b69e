import type { IncomingMessage } from "node:http";

/** A1111 wraps every exception, HTTPException included, in this body (modules/api/api.py). */
export function a1111Error(error: string, detail: string, errors = ""): Record<string, string> {
  return { error, detail, body: "", errors };
}

export type AuthCheck = { state: "none" | "ok" | "bad"; user?: string };

/** Basic auth as A1111's --api-auth checks it: user and password compared exactly. */
export function checkBasicAuth(req: IncomingMessage, expected: string | undefined): AuthCheck {
  const header = req.headers.authorization;
  const match = header ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) return { state: "none" };
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const user = decoded.split(":")[0];
  if (expected === undefined) return { state: "ok", user };
  return { state: decoded === expected ? "ok" : "bad", user };
}

/** Headers as recorded for tests: authorization never in clear. */
export function recordableHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = name === "authorization" ? "[redacted]" : Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}
