import "server-only";
import { AppError, isAppError } from "@/lib/errors";
import { scrubSecrets } from "@/lib/log";
import { errorResponse } from "./responses";

type Ctx<P> = { params: Promise<P> };

/** Wraps a route handler so every thrown error becomes the error shape (and is logged). */
export function handle<P = Record<string, never>>(
  fn: (request: Request, params: P) => Promise<Response>,
): (request: Request, ctx: Ctx<P>) => Promise<Response> {
  return async (request, ctx) => {
    try {
      return await fn(request, await ctx.params);
    } catch (e) {
      return errorResponse(scrubbedForPeople(e), { method: request.method, path: new URL(request.url).pathname });
    }
  };
}

/**
 * An AppError's message and details are shown to whoever called; some carry a provider's own
 * words, so they pass the same scrubbing as log lines (keys, tokens, URL credentials).
 */
export function scrubbedForPeople(e: unknown): unknown {
  if (!isAppError(e)) return e;
  const message = scrubSecrets(e.message);
  let details = e.details;
  if (details !== undefined) {
    try {
      const text = JSON.stringify(details);
      const clean = scrubSecrets(text);
      if (clean !== text) details = JSON.parse(clean);
    } catch {
      details = undefined;
    }
  }
  if (message === e.message && details === e.details) return e;
  return new AppError(e.code, message, { details, cause: e.cause, retryAfter: e.retryAfter, retryable: e.retryable });
}
