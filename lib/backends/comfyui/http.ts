import "server-only";
import { AppError, isAbortError, abortError } from "@/lib/errors";
import { type ComfyEndpoint, endpointUrl } from "./endpoint";

/** Most calls are quick bookkeeping; this only guards against a server that accepts and then stalls. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export type RequestOptions = {
  method?: "GET" | "POST";
  /** Sent as JSON. */
  body?: unknown;
  query?: Record<string, string>;
  /** The caller's signal: cancel or the job's deadline. */
  signal: AbortSignal;
  timeoutMs?: number;
};

export function unreachable(endpoint: ComfyEndpoint, cause?: unknown): AppError {
  return new AppError("backend_unavailable", `ComfyUI is not reachable at ${endpoint.where}.`, {
    cause,
    retryable: true,
  });
}

/**
 * One HTTP call to ComfyUI. Network failures become backend_unavailable, the caller's abort
 * becomes an AbortError, and a stalled answer becomes backend_unavailable after timeoutMs.
 * The status is left to the caller: a 400 from POST /prompt carries the useful node_errors.
 */
export async function comfyRequest(endpoint: ComfyEndpoint, path: string, opts: RequestOptions): Promise<Response> {
  if (opts.signal.aborted) throw abortError();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = { ...endpoint.headers };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  try {
    return await fetch(endpointUrl(endpoint, path, opts.query), {
      method: opts.method ?? "GET",
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.any([opts.signal, timeout]),
    });
  } catch (e) {
    if (opts.signal.aborted) throw abortError();
    if (timeout.aborted) {
      throw new AppError(
        "backend_unavailable",
        `ComfyUI at ${endpoint.where} did not answer /${path} within ${Math.round(timeoutMs / 1000)} s.`,
        { cause: e, retryable: true },
      );
    }
    throw unreachable(endpoint, e);
  }
}

/**
 * The body of an answer whose headers have come. A connection cut half-way through (a
 * restart, a proxy timing out) rejects here, with undici's bare TypeError: say what happened,
 * and that it may pass.
 */
export async function readBody<T>(endpoint: ComfyEndpoint, path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (isAbortError(e)) throw abortError();
    throw new AppError(
      "backend_unavailable",
      `The connection to ComfyUI at ${endpoint.where} dropped while it answered /${path.split(/[/?]/)[0]}.`,
      { cause: e, retryable: true },
    );
  }
}

function retryAfterSeconds(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** A non-2xx answer as an AppError; 5xx may pass (a restart, a proxy), so those are retryable. */
export async function statusError(endpoint: ComfyEndpoint, path: string, res: Response): Promise<AppError> {
  const text = await res.text().catch(() => "");
  const cause = new Error(`ComfyUI ${res.status} on /${path}: ${text.slice(0, 500)}`);
  if (res.status === 429) {
    // ComfyUI itself never limits; a proxy in front of it does, and says when to come back.
    return new AppError("rate_limited", `ComfyUI at ${endpoint.where} (or a proxy before it) is limiting requests.`, {
      cause,
      retryAfter: retryAfterSeconds(res.headers.get("retry-after")),
    });
  }
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    return new AppError("backend_unavailable", `ComfyUI at ${endpoint.where} is unavailable (HTTP ${res.status}).`, {
      cause,
      retryable: true,
    });
  }
  if (res.status === 404) {
    return new AppError(
      "backend_error",
      `ComfyUI at ${endpoint.where} has no /${path.split("?")[0]} endpoint; does COMFYUI_URL point at ComfyUI?`,
      { cause },
    );
  }
  return new AppError("backend_error", `ComfyUI answered /${path.split("/")[0]} with HTTP ${res.status}.`, {
    cause,
    retryable: res.status >= 500,
  });
}

/** GET or POST, expecting 2xx and a JSON body. */
export async function comfyJson(endpoint: ComfyEndpoint, path: string, opts: RequestOptions): Promise<unknown> {
  const res = await comfyRequest(endpoint, path, opts);
  if (!res.ok) throw await statusError(endpoint, path, res);
  const text = await readBody(endpoint, path, () => res.text());
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("backend_error", `ComfyUI answered /${path.split("/")[0]} with something that is not JSON.`, {
      cause: e,
    });
  }
}

/** POST where only success matters (ComfyUI answers /queue and /interrupt with an empty 200). */
export async function comfyPost(endpoint: ComfyEndpoint, path: string, body: unknown, signal: AbortSignal) {
  const res = await comfyRequest(endpoint, path, { method: "POST", body, signal });
  if (!res.ok) throw await statusError(endpoint, path, res);
  await res.arrayBuffer().catch(() => undefined);
}
