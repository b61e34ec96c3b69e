import type { IncomingMessage, ServerResponse } from "node:http";

/** The official error body (the contract's ErrorResponse). */
export type OpenAIErrorBody = {
  error: { message: string; type: string; param: string | null; code: string | null };
};

export function openaiError(
  message: string,
  opts: { type?: string; param?: string | null; code?: string | null } = {},
): OpenAIErrorBody {
  return {
    error: { message, type: opts.type ?? "invalid_request_error", param: opts.param ?? null, code: opts.code ?? null },
  };
}

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
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendRaw(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Resolves after `ms`, or early when the client has gone (no point answering then). */
export function pause(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0 || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off("close", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on("close", done);
  });
}

/** Headers as recorded for tests: the bearer's value never, only whether there was one. */
export function recordableHeaders(req: IncomingMessage): { headers: Record<string, string>; bearer: boolean } {
  const headers: Record<string, string> = {};
  let bearer = false;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (name === "authorization") {
      const v = Array.isArray(value) ? value.join(",") : value;
      bearer = /^Bearer\s+\S+/i.test(v);
      headers[name] = bearer ? "Bearer [redacted]" : "[redacted]";
      continue;
    }
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return { headers, bearer };
}
