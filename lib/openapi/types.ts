import type { z } from "zod";

/*
 * One operation of the API as the OpenAPI document describes it. Schemas are zod schemas (the
 * ones the routes parse with, where they have them), turned into JSON Schema by lib/openapi/document.ts.
 */

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/**
 * Who may call: `gated` sits behind the password gate (a session cookie or a Bearer token from
 * API_TOKENS; open to all while APP_PASSWORD is unset); `public` is open either way (health, sign-in,
 * share links). `bearer-only`: a Bearer token from API_TOKENS, or nothing when none is set (the v1 API).
 */
export type Access = "gated" | "public" | "bearer-only";

/** An answer with a JSON body. `name`: its component's name when the schema is not a named one already. */
export type JsonAnswer = {
  description: string;
  json: z.ZodType;
  name?: string;
  headers?: Record<string, string>;
};

/** One kind of event on a text/event-stream answer: `event: <name>` and `data: <JSON>`. */
export type SseEvent = { event: string; description: string; data: z.ZodType; name?: string };

export type SseAnswer = { description: string; sse: SseEvent[] };

/** Bytes of one of these media types (an image, a ZIP). */
export type BinaryAnswer = { description: string; binary: string[]; headers?: Record<string, string> };

/** No body: 204, or a redirect (its Location in `headers`). */
export type EmptyAnswer = { description: string; empty: true; headers?: Record<string, string> };

/** The house error shape (lib/http/handle.ts) under this status; the description says when. */
export type ErrorAnswer = { description: string; error: true };

/** An error body of another shape (the v1 API answers in OpenAI's). */
export type Answer = JsonAnswer | SseAnswer | BinaryAnswer | EmptyAnswer | ErrorAnswer;

export type Operation = {
  method: HttpMethod;
  /** OpenAPI's template: /api/ideas/{id}. */
  path: string;
  /** Unique, camelCase: names the operation and its unnamed schemas' components. */
  operationId: string;
  summary: string;
  description?: string;
  /** Groups operations in viewers ("Ideas", "Images"…). */
  tag: string;
  access: Access;
  /** A schema for each {param} of the path; one not listed is an id (lib/schemas/common.ts IdSchema). */
  pathParams?: Record<string, { description: string; schema?: z.ZodType }>;
  /** An object schema, parsed with parseQuery: each property becomes a query parameter. */
  query?: z.ZodType;
  /** The request body and its media type(s). `optional`: the route also takes no body at all. */
  body?: { schema: z.ZodType; name?: string; mediaTypes?: string[]; optional?: boolean; description?: string };
  /** What it answers, by status. 401/403/429 from the gate are added from `access`, the method and `rateLimit`. */
  responses: Record<number, Answer>;
  /** Counted against a per-client rate limit (lib/limits/rate-limits.ts): 429 with Retry-After. */
  rateLimit?: string;
  /** Kept for clients that used it; described as deprecated. */
  deprecated?: boolean;
};

/** The house error shape under a status, with what it means here. */
export function error(description: string): ErrorAnswer {
  return { description, error: true };
}

export function isJson(a: Answer): a is JsonAnswer {
  return "json" in a;
}
export function isSse(a: Answer): a is SseAnswer {
  return "sse" in a;
}
export function isBinary(a: Answer): a is BinaryAnswer {
  return "binary" in a;
}
export function isError(a: Answer): a is ErrorAnswer {
  return "error" in a;
}
