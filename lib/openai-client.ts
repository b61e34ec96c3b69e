import "server-only";
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { getConfig } from "@/lib/config";
import { AppError, isAbortError, isAppError } from "@/lib/errors";

/** Local OpenAI-compatible servers ignore the key, but the SDK insists on one. */
const PLACEHOLDER_KEY = "not-needed";
const OPENAI_API_URL = "https://api.openai.com/v1";

let client: OpenAI | undefined;

/**
 * The one OpenAI client, made on first use: constructing it at import time would make
 * `next build` fail on machines without a key.
 */
export function getOpenAIClient(): OpenAI {
  if (client) return client;
  const { openai, timeouts } = getConfig();
  if (!openai.enabled) {
    throw new AppError("backend_unavailable", "OpenAI is not configured: set OPENAI_API_KEY (or OPENAI_BASE_URL).");
  }
  client = new OpenAI({
    apiKey: openai.apiKey ?? PLACEHOLDER_KEY,
    // Explicit, so the SDK never reads the environment behind lib/config's back.
    baseURL: openai.baseURL ?? OPENAI_API_URL,
    organization: null,
    project: null,
    // Retrying is the job queue's decision, with its own backoff and limits.
    maxRetries: 0,
    // The longest call we make; each call passes its own, shorter timeout where it has one.
    timeout: Math.max(timeouts.refineMs, timeouts.generateMs),
  });
  return client;
}

/** Tests only: forget the client after changing the configuration. */
export function resetOpenAIClientForTests(): void {
  client = undefined;
}

function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * The server's own words are often the useful part ("Invalid value: '512x512'..."), but they
 * come from a server we do not control: keep them short and strip URLs and anything key-like.
 */
export function safeDetail(message: string | undefined, secret?: string): string {
  if (!message) return "";
  let text = message.replace(/^\d{3}\s+/, "");
  if (secret && secret.length >= 8) text = text.split(secret).join("[key]");
  text = text
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "[url]")
    .replace(/\bBearer\s+\S+/gi, "Bearer [key]")
    .replace(/\b(sk|rk|pk)-[A-Za-z0-9_-]{6,}/g, "[key]")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function configuredKey(): string | undefined {
  try {
    return getConfig().openai.apiKey;
  } catch {
    return undefined;
  }
}

function withDetail(prefix: string, e: APIError): string {
  const body = e.error as { message?: unknown } | undefined;
  const raw = typeof body?.message === "string" ? body.message : e.message;
  const detail = safeDetail(raw, configuredKey());
  return detail ? `${prefix}: ${detail}` : `${prefix}.`;
}

/** OpenAI's ways of saying "your content was refused" on a 400. */
function isContentPolicy(e: APIError): boolean {
  const code = typeof e.code === "string" ? e.code : "";
  if (["moderation_blocked", "content_policy_violation", "content_filter"].includes(code)) return true;
  return e.type === "image_generation_user_error" || /safety system|content policy/i.test(e.message);
}

/**
 * Any error from an OpenAI SDK call, as an AppError whose message is short and safe to show
 * (no key, no URL); the SDK error stays in `cause` for the log.
 */
export function mapOpenAIError(e: unknown): AppError {
  if (isAppError(e)) return e;
  // Order matters: these are subclasses of APIError, and timeout of connection error.
  if (e instanceof APIUserAbortError || isAbortError(e)) return new AppError("canceled", "Stopped.", { cause: e });
  if (e instanceof APIConnectionTimeoutError) {
    return new AppError("timeout", "The OpenAI server took too long to answer.", { cause: e });
  }
  if (e instanceof APIConnectionError) {
    return new AppError("backend_unavailable", "Could not reach the OpenAI server.", { cause: e, retryable: true });
  }
  if (e instanceof APIError) {
    const status = e.status ?? 0;
    if (status === 429) {
      return new AppError("rate_limited", "OpenAI is rate limiting requests; try again shortly.", {
        cause: e,
        retryAfter: retryAfterSeconds(e.headers),
      });
    }
    if (status === 401 || status === 403) {
      return new AppError("backend_unavailable", "OpenAI rejected the key (check OPENAI_API_KEY).", { cause: e });
    }
    if (status === 400 && isContentPolicy(e)) {
      return new AppError("refused", "OpenAI's safety system refused this prompt.", { cause: e });
    }
    if (status >= 400 && status < 500) {
      return new AppError("backend_error", withDetail(`OpenAI rejected the request (${status})`, e), { cause: e });
    }
    if (status >= 500) {
      return new AppError("backend_error", `The OpenAI server failed (${status}).`, { cause: e, retryable: true });
    }
    // No status: an error event inside a stream.
    return new AppError("backend_error", "The OpenAI server reported an error mid-answer.", { cause: e });
  }
  if (isDroppedConnection(e)) {
    return new AppError("backend_unavailable", "The connection to the OpenAI server dropped mid-answer.", {
      cause: e,
      retryable: true,
    });
  }
  return new AppError("backend_error", "The OpenAI server sent an answer we could not read.", { cause: e });
}

/** undici reports a socket cut mid-body as TypeError("terminated") with the socket error as its cause. */
function isDroppedConnection(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e.cause as { code?: unknown } | undefined)?.code;
  return (
    (e.message === "terminated" && e.cause !== undefined) ||
    code === "UND_ERR_SOCKET" ||
    code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH" ||
    code === "ECONNRESET"
  );
}
