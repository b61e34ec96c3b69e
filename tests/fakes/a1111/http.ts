import type { IncomingMessage, ServerResponse } from "node:http";

export async function readBody(req: IncomingMessage, limitBytes = 10_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) throw new Error("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendRaw(res, status, "application/json", JSON.stringify(body), headers);
}

export function sendRaw(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Resolves after `ms`, or early when the client has gone. */
export function pause(ms: number, res?: ServerResponse): Promise<void> {
  if (ms <= 0 || res?.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res?.off("close", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res?.on("close", done);
  });
}

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
