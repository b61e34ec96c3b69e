import type { ErrorCode } from "./schemas/api";

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  too_large: 413,
  moderation_blocked: 422,
  refused: 422,
  rate_limited: 429,
  backend_error: 502,
  backend_unavailable: 503,
  timeout: 504,
  canceled: 409,
  interrupted: 500,
  internal: 500,
};

/**
 * The one error type. `message` is short and safe to show a person; `cause` keeps
 * the full story for the server log and never leaves the server.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  /** Seconds, for rate limits passed on from a provider. */
  readonly retryAfter?: number;
  /**
   * True when the same request may succeed later (429, 5xx, a dropped connection); the job
   * queue retries only these. Never set for other 4xx: the answer would be the same.
   */
  readonly retryable: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { details?: unknown; cause?: unknown; retryAfter?: number; retryable?: boolean } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.details = opts.details;
    this.retryAfter = opts.retryAfter;
    this.retryable = opts.retryable ?? code === "rate_limited";
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** What fetch and the SDKs throw on abort, for code that stops on a signal by itself. */
export function abortError(): DOMException {
  return new DOMException("Aborted", "AbortError");
}

export function isAbortError(e: unknown): boolean {
  return (
    (e instanceof Error && (e.name === "AbortError" || e.name === "APIUserAbortError")) ||
    (typeof DOMException !== "undefined" && e instanceof DOMException && e.name === "AbortError")
  );
}

/** Anything thrown, as an AppError; unknown errors become `internal` with a generic message. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  if (isAbortError(e)) return new AppError("canceled", "Stopped.", { cause: e });
  return new AppError("internal", "Something went wrong on the server.", { cause: e });
}
