/**
 * OpenAI's error shape (the contract's ErrorResponse): `{ error: { message, type, param, code } }`.
 * No imports beyond types: the server hook and proxy.ts build these too, before any route runs.
 */
export type OpenAiErrorBody = {
  error: { message: string; type: string; param: string | null; code: string | null };
};

/** The house's error codes (lib/schemas/names.ts) as OpenAI names them: its status, type and code. */
const MAPPING: Record<string, { status?: number; type: string; code: string | null }> = {
  invalid_request: { type: "invalid_request_error", code: null },
  unauthorized: { type: "invalid_request_error", code: "invalid_api_key" },
  forbidden: { type: "permission_error", code: "forbidden" },
  not_found: { type: "invalid_request_error", code: "not_found" },
  gone: { type: "invalid_request_error", code: "not_found" },
  too_large: { type: "invalid_request_error", code: "request_too_large" },
  // OpenAI answers a refused prompt with 400 (DALL·E's content_policy_violation), not 422.
  moderation_blocked: { status: 400, type: "invalid_request_error", code: "content_policy_violation" },
  refused: { status: 400, type: "invalid_request_error", code: "content_policy_violation" },
  rate_limited: { type: "requests", code: "rate_limit_exceeded" },
  backend_error: { type: "server_error", code: "backend_error" },
  backend_unavailable: { type: "server_error", code: "backend_unavailable" },
  timeout: { type: "server_error", code: "timeout" },
  canceled: { type: "invalid_request_error", code: "canceled" },
  interrupted: { type: "server_error", code: "interrupted" },
  internal: { type: "server_error", code: null },
};

/** The status and body OpenAI's clients expect for a house error code with this status and message. */
export function openAiError(
  houseCode: string,
  status: number,
  message: string,
  opts: { param?: string | null; code?: string | null } = {},
): { status: number; body: OpenAiErrorBody } {
  const m = MAPPING[houseCode] ?? { type: status >= 500 ? "server_error" : "invalid_request_error", code: null };
  return {
    status: m.status ?? status,
    body: { error: { message, type: m.type, param: opts.param ?? null, code: opts.code ?? m.code } },
  };
}

/** /v1 and everything under it: the OpenAI-compatible API, which answers errors in OpenAI's shape. */
export function isOpenAiPath(pathname: string): boolean {
  return pathname === "/v1" || pathname.startsWith("/v1/");
}
