import type { IncomingMessage } from "node:http";

/** The official error body (the contract's ErrorResponse). */
export type OpenAIErrorBody = {
  error: { message: string; type: string; param: string | null; code: string | null };
};

export function openaiError(
  message: string,
  opts: { type?: string; param?: string | null; code?: string | null } = {},
): OpenAIErrorBody {
  return {
    error: { message, type: opts.type ?? "invalid_request_error", param: opts.param ?? null, code: opts.code ?? null },
  };
}

/** Headers as recorded for tests: the bearer's value never, only whether there was one. */
export function recordableHeaders(req: IncomingMessage): { headers: Record<string, string>; bearer: boolean } {
  const headers: Record<string, string> = {};
  let bearer = false;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (name === "authorization") {
      const v = Array.isArray(value) ? value.join(",") : value;
      bearer = /^Bearer\s+\S+/i.test(v);
      headers[name] = bearer ? "Bearer [redacted]" : "[redacted]";
      continue;
    }
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return { headers, bearer };
}
