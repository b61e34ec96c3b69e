import type { ServerResponse } from "node:http";

/** Answers once: nothing is written after the headers went out or the client went away. */
export function sendRaw(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendRaw(res, status, "application/json", JSON.stringify(body), headers);
}

export type JsonSender = (res: ServerResponse, status: number, body: unknown) => void;
