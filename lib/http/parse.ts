import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { IdSchema, LIMITS } from "@/lib/schemas/common";
import { describePath, findNul } from "./nul-text";

function invalid(message: string, issues?: z.core.$ZodIssue[]): AppError {
  const details = issues?.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
  return new AppError("invalid_request", message, { details });
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (!first) return "The request is not valid.";
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  return `${where}${first.message}`;
}

/**
 * Reads a JSON body no larger than the limit (LIMITS.bodyBytes, or a route's smaller `maxBytes`:
 * a visitor's note needs a few kB, not a megabyte), and checks it against the schema.
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  opts: { maxBytes?: number } = {},
): Promise<z.infer<S>> {
  const limit = Math.min(opts.maxBytes ?? LIMITS.bodyBytes, LIMITS.bodyBytes);
  rejectDeclaredTooLarge(request, limit);
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw invalid("The body must be JSON (Content-Type: application/json).");
  const text = await readBodyText(request, limit);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalid("The body is not valid JSON.");
  }
  return check(schema, data);
}

/** An HTML form's body (application/x-www-form-urlencoded), each field at most once, checked against the schema. */
export async function parseFormBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  rejectDeclaredTooLarge(request);
  const params = new URLSearchParams(await readBodyText(request, LIMITS.bodyBytes));
  return check(schema, singleValues(params, "form field"));
}

/** Every body and query ends here: U+0000 anywhere is refused before the schema (see nul-text.ts). */
function check<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const nul = findNul(data);
  if (nul) {
    const where = describePath(nul);
    const message = "must not contain the NUL character (U+0000)";
    throw new AppError("invalid_request", where ? `${where}: ${message}` : `The request ${message}.`, {
      details: [{ path: where, message, code: "nul_character" }],
    });
  }
  const result = schema.safeParse(data);
  if (!result.success) throw invalid(describeIssues(result.error.issues), result.error.issues);
  return result.data;
}

function rejectDeclaredTooLarge(request: Request, limit: number = LIMITS.bodyBytes): void {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("too_large", `The body is larger than ${limit} bytes.`);
}

/**
 * The body as text, read chunk by chunk and abandoned as soon as it passes the limit: a chunked
 * upload without Content-Length (or one that lies about it) is cut off the same way.
 */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new AppError("too_large", `The body is larger than ${limit} bytes.`);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

function singleValues(params: URLSearchParams, what: string): Record<string, string> {
  const seen = new Map<string, string>();
  for (const [key, value] of params) {
    if (seen.has(key)) throw invalid(`The ${what} "${key}" is given more than once.`);
    seen.set(key, value);
  }
  // fromEntries defines own properties, so "__proto__" or "constructor" stay plain (unknown) keys.
  return Object.fromEntries(seen);
}

/** Query parameters, each at most once, checked against a strict schema. */
export function parseQuery<S extends z.ZodType>(url: string | URL, schema: S): z.infer<S> {
  return check(schema, singleValues(new URL(url).searchParams, "query parameter"));
}

/** A path id: anything that is not an id cannot name a row, so it is a 404, not a 400. */
export function parseId(raw: string, what: string): string {
  if (!IdSchema.safeParse(raw).success) throw new AppError("not_found", `${what} was not found.`);
  return raw;
}
