import "server-only";
import { AppError } from "@/lib/errors";
import { scrubSecrets } from "@/lib/log";

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "EPIPE",
  "ECONNABORTED",
]);

/**
 * Text from the server is useful ("CUDA out of memory…") but not ours: keep it short and strip
 * URLs and anything credential-like before it reaches a person.
 */
export function cleanDetail(text: unknown, max = 160): string {
  if (typeof text !== "string") return "";
  const cleaned = scrubSecrets(text)
    // A proxy's error page is HTML; its words are enough.
    .replace(/<[^>]*>/g, " ")
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "[url]")
    .replace(/\bBasic\s+[A-Za-z0-9+/=]+/g, "Basic [redacted]")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned.length > max ? `${cleaned.slice(0, max - 3)}...` : cleaned;
}

export function retryAfterSeconds(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** A socket-level failure: the server is down, the name does not resolve, or the link dropped. */
export function connectionError(e: unknown, label: string): AppError {
  const code = (e as { code?: unknown } | null)?.code;
  const known = typeof code === "string" && UNREACHABLE_CODES.has(code);
  const suffix = known ? "" : typeof code === "string" ? ` (${code})` : "";
  return new AppError("backend_unavailable", `AUTOMATIC1111 is not reachable at ${label}${suffix}.`, {
    cause: e,
    retryable: true,
  });
}

type A1111ErrorBody = { error?: unknown; detail?: unknown; errors?: unknown };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** FastAPI's 422: `{ detail: [{ loc: ["body", "steps"], msg, type }] }`, as "steps: msg; …". */
function validationSummary(detail: unknown): string {
  if (typeof detail === "string") return cleanDetail(detail);
  if (!Array.isArray(detail)) return "";
  const parts = detail.slice(0, 3).map((issue) => {
    const { loc, msg } = (issue ?? {}) as { loc?: unknown; msg?: unknown };
    const where = Array.isArray(loc) ? loc.filter((p) => p !== "body").join(".") : "";
    return where ? `${where}: ${String(msg)}` : String(msg);
  });
  const more = detail.length > 3 ? ` (+${detail.length - 3} more)` : "";
  return cleanDetail(parts.join("; ") + more, 200);
}

/**
 * A1111 wraps every exception as `{ error: <Python class>, detail, body, errors: str(e) }` with
 * status 500 (or the HTTPException's own). Out-of-memory and NaN failures are common enough on
 * consumer GPUs to deserve words a person can act on.
 */
function serverFailure(body: A1111ErrorBody, status: number, raw: string): AppError {
  const kind = typeof body.error === "string" ? body.error : "";
  const said = [body.detail, body.errors].find((v) => typeof v === "string" && v.trim() !== "") as string | undefined;
  const all = `${kind} ${said ?? raw}`;
  if (/out of memory|OutOfMemoryError/i.test(all)) {
    return new AppError("backend_error", "AUTOMATIC1111 ran out of GPU memory; try a smaller size or fewer images.", {
      cause: all,
    });
  }
  if (/NansException|all NaNs/i.test(all)) {
    return new AppError(
      "backend_error",
      "AUTOMATIC1111 produced NaNs (a half-precision problem: try --no-half-vae or another checkpoint).",
      { cause: all },
    );
  }
  const detail = cleanDetail(said ?? (kind ? "" : raw));
  const text = [kind && kind !== "HTTPException" ? kind : "", detail].filter(Boolean).join(": ");
  return new AppError(
    "backend_error",
    text ? `AUTOMATIC1111 failed (${status}): ${text}` : `AUTOMATIC1111 failed (${status}).`,
    {
      cause: all,
    },
  );
}

/** Any non-2xx answer from /sdapi/v1/*, as the AppError a person and the job queue can act on. */
export function httpError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
): AppError {
  const json = parseJson(text);
  const body: A1111ErrorBody = json && typeof json === "object" && !Array.isArray(json) ? (json as A1111ErrorBody) : {};
  const retryAfter = retryAfterSeconds(headers["retry-after"]);
  const cause = { status, body: cleanDetail(text, 500) };

  if (status === 401 || status === 403) {
    return new AppError("backend_unavailable", "A1111 rejected the credentials; check A1111_AUTH.", { cause });
  }
  // Without --api the /sdapi routes do not exist and FastAPI answers its bare `{"detail":"Not Found"}`;
  // A1111's own 404s ("Sampler not found" on older versions) come in its `{ error, detail }` shape.
  if (status === 404 && body.error === undefined) {
    return new AppError("backend_unavailable", "AUTOMATIC1111 answered, but the API is off: start it with --api.", {
      cause,
    });
  }
  if (status === 422 && body.error === undefined) {
    const summary = validationSummary(body.detail);
    return new AppError(
      "backend_error",
      summary ? `AUTOMATIC1111 rejected the request: ${summary}` : "AUTOMATIC1111 rejected the request.",
      { cause, details: body.detail },
    );
  }
  if (status === 429) {
    return new AppError(
      "rate_limited",
      "AUTOMATIC1111 (or a proxy before it) is limiting requests; try again shortly.",
      {
        cause,
        retryAfter,
      },
    );
  }
  if (status === 502 || status === 503 || status === 504) {
    return new AppError("backend_unavailable", `AUTOMATIC1111 is unavailable (${status}); try again shortly.`, {
      cause,
      retryAfter,
      retryable: true,
    });
  }
  if (status >= 500) return serverFailure(body, status, text);
  const detail = cleanDetail(
    typeof body.detail === "string" ? body.detail : typeof body.errors === "string" ? body.errors : "",
  );
  return new AppError(
    "backend_error",
    detail
      ? `AUTOMATIC1111 rejected the request (${status}): ${detail}`
      : `AUTOMATIC1111 rejected the request (${status}).`,
    { cause },
  );
}
