import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { IdSchema, LIMITS } from "@/lib/schemas/common";

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

/** Reads a JSON body no larger than the limit, and checks it against the schema. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > LIMITS.bodyBytes)
    throw new AppError("too_large", `The body is larger than ${LIMITS.bodyBytes} bytes.`);
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw invalid("The body must be JSON (Content-Type: application/json).");
  const text = await readLimited(request, LIMITS.bodyBytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalid("The body is not valid JSON.");
  }
  const result = schema.safeParse(data);
  if (!result.success) throw invalid(describeIssues(result.error.issues), result.error.issues);
  return result.data;
}

async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError("too_large", `The body is larger than ${limit} bytes.`);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

/** Query parameters, each at most once, checked against a strict schema. */
export function parseQuery<S extends z.ZodType>(url: string | URL, schema: S): z.infer<S> {
  const params = new URL(url).searchParams;
  const obj: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in obj) throw invalid(`The query parameter "${key}" is given more than once.`);
    obj[key] = value;
  }
  const result = schema.safeParse(obj);
  if (!result.success) throw invalid(describeIssues(result.error.issues), result.error.issues);
  return result.data;
}

/** A path id: anything that is not an id cannot name a row, so it is a 404, not a 400. */
export function parseId(raw: string, what: string): string {
  if (!IdSchema.safeParse(raw).success) throw new AppError("not_found", `${what} was not found.`);
  return raw;
}
