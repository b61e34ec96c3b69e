import type { ServerResponse } from "node:http";

/**
 * Ways to end an answer badly, as a crashing server or a broken proxy does. Both send the
 * status line, the headers (with the full Content-Length) and the first part of the body:
 * `reset` then aborts the connection (TCP RST: "ECONNRESET" on the client), `truncated`
 * closes it in order (FIN: the client sees the body end early).
 */
export type CutKind = "reset" | "truncated";

/** On loopback the written part arrives well within this; then the cut comes mid-answer, not before it. */
const SETTLE_MS = 30;

export function cutAnswer(
  res: ServerResponse,
  kind: CutKind,
  status: number,
  contentType: string,
  body: string | Buffer,
  keepFraction = 0.5,
): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, { "content-type": contentType, "content-length": bytes.length, connection: "close" });
  res.write(bytes.subarray(0, Math.floor(bytes.length * keepFraction)), () => cutConnection(res, kind));
}

/** Ends the connection under an answer already begun (headers and maybe some of the body sent). */
export function cutConnection(res: ServerResponse, kind: CutKind): void {
  const socket = res.socket;
  if (!socket) {
    res.destroy();
    return;
  }
  setTimeout(() => {
    if (kind === "reset") socket.resetAndDestroy();
    else socket.end();
  }, SETTLE_MS);
}
