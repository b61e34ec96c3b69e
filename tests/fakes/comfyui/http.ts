import type { ServerResponse } from "node:http";
import { sendRaw } from "../shared/send";

/** aiohttp's web.json_response: compact JSON, "application/json; charset=utf-8". */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendRaw(res, status, "application/json; charset=utf-8", JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = "text/plain"): void {
  sendRaw(res, status, `${contentType}; charset=utf-8`, text);
}

export function sendBytes(res: ServerResponse, contentType: string, bytes: Buffer, filename: string): void {
  sendRaw(res, 200, contentType, bytes, { "content-disposition": `filename="${filename}"` });
}

/** What aiohttp answers for an unhandled exception in a handler. */
export function sendServerError(res: ServerResponse): void {
  sendText(res, 500, "500 Internal Server Error\n\nServer got itself in trouble");
}
