import type { IncomingMessage } from "node:http";
import { errorMessage } from "./error-message";

/** The whole request body as UTF-8; throws when it grows past `limitBytes`. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
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

/**
 * A body as a fake records it: undefined when there is none, the parsed JSON, or the raw text
 * with the parser's message when it is not JSON (each fake answers that in its own way).
 */
export type JsonBody = { body: unknown; error?: string };

export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<JsonBody> {
  const text = await readBody(req, limitBytes);
  if (!text) return { body: undefined };
  try {
    return { body: JSON.parse(text) };
  } catch (e) {
    return { body: text, error: errorMessage(e) };
  }
}
