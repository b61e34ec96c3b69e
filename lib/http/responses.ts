import "server-only";
import { AppError, toAppError } from "@/lib/errors";
import { log, scrubSecrets } from "@/lib/log";
import type { ErrorBody } from "@/lib/schemas/api";

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(data, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** Every message a person sees passes the log's scrubbing: some carry a provider's own words. */
export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: scrubSecrets(error.message),
      ...(error.details !== undefined ? { details: error.details } : {}),
    },
  };
}

/** Logs the whole story on the server; answers the short one. */
export function errorResponse(e: unknown, context?: Record<string, unknown>): Response {
  const error = toAppError(e);
  if (error.status >= 500) log.error(error.message, { code: error.code, error: error.cause ?? error, ...context });
  else log.debug(error.message, { code: error.code, ...context });
  const headers: Record<string, string> = {};
  if (error.retryAfter !== undefined) headers["Retry-After"] = String(Math.ceil(error.retryAfter));
  return json(errorBody(error), error.status, headers);
}

export function notFound(what: string): AppError {
  return new AppError("not_found", `${what} was not found.`);
}
