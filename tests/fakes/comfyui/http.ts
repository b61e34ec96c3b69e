import type { IncomingMessage, ServerResponse } from "node:http";

export async function readBody(req: IncomingMessage, limitBytes = 20_000_000): Promise<string> {
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

/** aiohttp's web.json_response: compact JSON, "application/json; charset=utf-8". */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = "text/plain"): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": `${contentType}; charset=utf-8`, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendBytes(res: ServerResponse, contentType: string, bytes: Buffer, filename: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(200, {
    "content-type": contentType,
    "content-length": bytes.length,
    "content-disposition": `filename="${filename}"`,
  });
  res.end(bytes);
}

/** What aiohttp answers for an unhandled exception in a handler. */
export function sendServerError(res: ServerResponse): void {
  sendText(res, 500, "500 Internal Server Error\n\nServer got itself in trouble");
}
