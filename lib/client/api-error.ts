import type { ErrorCode } from "@/lib/schemas/api";
import { ERROR_CODES } from "@/lib/schemas/names";

/** An error answer from the public API, or a network failure, in one shape the UI can show. */
export class ApiError extends Error {
  readonly code: ErrorCode | "network";
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode | "network", message: string, status = 0, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export type ShownError = { code: string; message: string };

/**
 * The server could not be reached. Its message is the code's meaning word for word, so an
 * ErrorAlert says it once (a shorter message under the headline read as a second error).
 */
export function networkError(): ApiError {
  return new ApiError("network", ERROR_MEANING.network);
}

export function isNetworkError(e: unknown): boolean {
  return e instanceof ApiError && e.code === "network";
}

const KNOWN = new Set<string>(ERROR_CODES);

function codeFromStatus(status: number): ErrorCode {
  if (status === 400) return "invalid_request";
  if (status === 401) return "unauthorized";
  if (status === 404) return "not_found";
  if (status === 410) return "gone";
  if (status === 413) return "too_large";
  if (status === 422) return "moderation_blocked";
  if (status === 429) return "rate_limited";
  if (status === 502) return "backend_error";
  if (status === 503) return "backend_unavailable";
  if (status === 504) return "timeout";
  return "internal";
}

/** Reads `{ error: { code, message, details? } }` from any value; falls back on the HTTP status. */
export function errorFromBody(body: unknown, status: number): ApiError {
  if (body && typeof body === "object" && "error" in body) {
    const e = (body as { error: unknown }).error;
    if (e && typeof e === "object") {
      const { code, message, details } = e as { code?: unknown; message?: unknown; details?: unknown };
      const c = typeof code === "string" && KNOWN.has(code) ? (code as ErrorCode) : codeFromStatus(status);
      const m = typeof message === "string" && message ? message : defaultMessage(c);
      return new ApiError(c, m, status, details);
    }
  }
  const c = codeFromStatus(status);
  return new ApiError(c, defaultMessage(c), status);
}

/** Turns anything caught into something safe to show. */
export function toShownError(e: unknown): ShownError {
  if (e instanceof ApiError) return { code: e.code, message: e.message };
  // Fetch failures are turned into ApiError("network") where they happen; anything else is a bug here.
  if (e instanceof Error) console.error(e);
  return { code: "internal", message: "Something went wrong in this page. Reload it and try again." };
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException ? e.name === "AbortError" : e instanceof Error && e.name === "AbortError";
}

function defaultMessage(code: ErrorCode): string {
  return ERROR_MEANING[code];
}

/** The plain meaning of each error code, shown as the headline of an error. */
export const ERROR_MEANING: Record<ErrorCode | "network", string> = {
  invalid_request: "Something in the request was not accepted.",
  unauthorized: "Sign in to do that.",
  forbidden: "The server refused a request that did not come from this site. Reload the page and try again.",
  not_found: "That no longer exists.",
  gone: "This link has expired.",
  too_large: "That is too long.",
  moderation_blocked: "Blocked by the safety check. Try different wording.",
  refused: "The model declined this request. Try different wording.",
  rate_limited: "Too many requests right now. Wait a moment and try again.",
  backend_error: "The model service answered with an error.",
  backend_unavailable: "The model service is not available or not set up.",
  timeout: "It took too long and was stopped.",
  canceled: "Stopped.",
  interrupted: "The server restarted while this was running.",
  internal: "Something went wrong on the server.",
  network: "The server could not be reached. Check that it is running.",
};

export function errorMeaning(code: string): string {
  return (ERROR_MEANING as Record<string, string>)[code] ?? ERROR_MEANING.internal;
}
